import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parseUnifiedDiff } from "../../workspace/diff.js";
import type { DiffFile } from "../../workspace/types.js";

const run = promisify(execFile);

/** Git settings that keep a local repository's config from running anything (hooks, fsmonitor, external diff). */
const SAFE = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "diff.external=", "-c", "core.pager=cat"];

/** The repository root containing `dir` (git's top level), or undefined outside a git work tree. */
export async function gitRoot(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", [...SAFE, "rev-parse", "--show-toplevel"], { cwd: dir, env: gitEnv() });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The change of the working tree against the merge base of `base` and HEAD — what a pull request
 * from this branch into `base` would show, including uncommitted edits.
 */
export async function diffAgainst(root: string, base: string): Promise<DiffFile[]> {
  if (base.startsWith("-")) throw new Error(`invalid base ref: ${base}`);
  const { stdout: mergeBase } = await run("git", [...SAFE, "merge-base", base, "HEAD"], { cwd: root, env: gitEnv() });
  const { stdout } = await run(
    "git",
    [...SAFE, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", mergeBase.trim(), "--"],
    { cwd: root, env: gitEnv(), maxBuffer: 256 * 1024 * 1024 },
  );
  return parseUnifiedDiff(stdout);
}

function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8", GIT_TERMINAL_PROMPT: "0" };
}
