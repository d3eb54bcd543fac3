import { parseUnifiedDiff } from "../../workspace/diff.js";
import { localGit } from "../../workspace/local-git.js";
import type { DiffFile } from "../../workspace/types.js";

/** The repository root containing `dir` (git's top level), or undefined outside a git work tree. */
export async function gitRoot(dir: string): Promise<string | undefined> {
  try {
    return (await localGit(dir, ["rev-parse", "--show-toplevel"])) || undefined;
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
  const mergeBase = await localGit(root, ["merge-base", base, "HEAD"]);
  const diff = await localGit(root, ["diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", mergeBase, "--"], { raw: true });
  return parseUnifiedDiff(diff);
}
