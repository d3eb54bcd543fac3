import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { SimpleGit } from "simple-git";
import { parseUnifiedDiff } from "./diff.js";
import { readRepoFile } from "./files.js";
import { safeGit } from "./git.js";
import { detectProject } from "./project.js";
import type { DiffFile, Workspace } from "./types.js";

export interface CheckoutOptions {
  /** `repository.clone_url` (https://…, GHE, or file:// in tests), or a local path for the CLI. */
  cloneUrl: string;
  /** Installation token; sent per command as an HTTP header, never stored. */
  token?: string;
  /** The commit to review. */
  headSha: string;
  /** A ref that contains the head, e.g. `refs/pull/7/head` (works for forks) or a branch. */
  headRef?: string;
  /** The base branch (e.g. `main`) or ref. */
  baseRef: string;
  /** The base commit, when known (the payload's `base.sha`). */
  baseSha?: string;
  /** A fresh job directory: the checkout goes to `<jobDir>/repo`. */
  jobDir: string;
  signal?: AbortSignal;
}

export class WorkspaceError extends Error {
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(message);
    this.name = "WorkspaceError";
  }
}

const DEPTHS = [50, 500];

/**
 * Clones the PR head into `<jobDir>/repo` (detached, hooks off), fetches the base, finds the merge
 * base (deepening shallow history as needed), parses the diff and detects the project's shape.
 * Everything git does here happens before any PR code runs: the sandbox gets a writable `.git`
 * later, so git must never run on this checkout again afterwards.
 */
export async function checkout(options: CheckoutOptions): Promise<Workspace> {
  const root = join(options.jobDir, "repo");
  const home = join(options.jobDir, "git-home");
  await mkdir(root, { recursive: true });
  await mkdir(home, { recursive: true });
  const git = (withToken: boolean) =>
    safeGit({
      baseDir: root,
      home,
      ...(withToken && options.token ? { token: options.token } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  const plain = git(false);
  const remote = git(true);

  await plain.init();
  await plain.addRemote("origin", options.cloneUrl);

  const baseRef = qualify(options.baseRef);
  const headRef = options.headRef ? qualify(options.headRef) : undefined;
  const refspecs = [`+${baseRef}:refs/remotes/origin/base`];
  if (headRef) refspecs.push(`+${headRef}:refs/remotes/origin/head`);

  let mergeBase: string | undefined;
  for (const depth of [...DEPTHS, 0]) {
    const depthArgs = depth > 0 ? [`--depth=${depth}`] : (await isShallow(plain)) ? ["--unshallow"] : [];
    await fetch(remote, [...depthArgs, "origin", ...refspecs]);
    if (!(await hasCommit(plain, options.headSha))) {
      // The ref moved on (or none was given): fetch the exact commit.
      await fetch(remote, [...depthArgs, "origin", options.headSha]);
    }
    if (!(await hasCommit(plain, options.headSha))) {
      throw new WorkspaceError(
        `The head commit ${options.headSha.slice(0, 12)} could not be fetched from the repository.`,
        "It may have been force-pushed away; the next push triggers a new review.",
      );
    }
    mergeBase = await findMergeBase(plain, "refs/remotes/origin/base", options.headSha);
    if (mergeBase) break;
  }
  if (!mergeBase) {
    throw new WorkspaceError(
      `The pull request head and the base branch \`${options.baseRef}\` share no history.`,
      "Rebase the branch on the base branch.",
    );
  }
  const baseSha = options.baseSha && (await hasCommit(plain, options.baseSha)) ? options.baseSha : await revParse(plain, "refs/remotes/origin/base");

  await plain.raw(["checkout", "--quiet", "--detach", options.headSha]);
  const diffText = await plain.raw([
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--find-renames",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    mergeBase,
    options.headSha,
  ]);
  const diff = parseUnifiedDiff(diffText);
  const project = await detectProject(root);
  const snapshot = await snapshotChangedFiles(root, diff);
  let sealed = false;
  return {
    root,
    headSha: options.headSha,
    baseSha,
    mergeBase,
    diff,
    project,
    readFile: async (path) => (snapshot.has(path) ? snapshot.get(path) : sealed ? undefined : readRepoFile(root, path)),
    seal: () => {
      sealed = true;
    },
    dispose: () => rm(options.jobDir, { recursive: true, force: true }),
  };
}

/** The changed files as checked out, before any PR code ran (bounded: huge changes keep what fits). */
async function snapshotChangedFiles(root: string, diff: readonly DiffFile[]): Promise<Map<string, string | undefined>> {
  const snapshot = new Map<string, string | undefined>();
  let total = 0;
  for (const file of diff) {
    if (file.status === "deleted" || file.binary) continue;
    const text = await readRepoFile(root, file.path);
    total += text?.length ?? 0;
    if (total > SNAPSHOT_BUDGET_CHARS) break;
    snapshot.set(file.path, text);
  }
  return snapshot;
}

const SNAPSHOT_BUDGET_CHARS = 64 * 1024 * 1024;

/** Branch names become `refs/heads/…`; full refs and commit SHAs are fetched as they are. */
function qualify(ref: string): string {
  return ref.startsWith("refs/") || /^[0-9a-f]{40}$/.test(ref) ? ref : `refs/heads/${ref}`;
}

async function fetch(git: SimpleGit, args: string[]): Promise<void> {
  try {
    await git.raw(["fetch", "--quiet", "--no-tags", "--no-recurse-submodules", ...args]);
  } catch (error) {
    // A fetch of an exact SHA may be refused by servers that do not allow it; the caller checks.
    if (!/couldn't find remote ref|not our ref|no such remote ref|unadvertised object/i.test(String(error))) {
      throw new WorkspaceError(`git fetch failed: ${scrub(String((error as Error).message ?? error))}`);
    }
  }
}

async function hasCommit(git: SimpleGit, sha: string): Promise<boolean> {
  try {
    await git.raw(["cat-file", "-e", `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

async function isShallow(git: SimpleGit): Promise<boolean> {
  return (await git.raw(["rev-parse", "--is-shallow-repository"])).trim() === "true";
}

async function findMergeBase(git: SimpleGit, a: string, b: string): Promise<string | undefined> {
  try {
    return (await git.raw(["merge-base", a, b])).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function revParse(git: SimpleGit, ref: string): Promise<string> {
  return (await git.raw(["rev-parse", `${ref}^{commit}`])).trim();
}

/** git error text may echo URLs; never let a credential-looking string through. */
function scrub(text: string): string {
  return text.replace(/(x-access-token:)[^@\s]+/g, "$1***").replace(/Authorization: Basic \S+/gi, "Authorization: ***");
}
