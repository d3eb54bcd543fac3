import type { DiffFile } from "../../workspace/types.js";

export type Scope = "changed-lines" | "changed-files" | "all";

/**
 * Whether a hit covering `range` is in scope. Without a diff everything is; with one, only
 * changed files count, and for `changed-lines` the range must contain an added line.
 */
export function inScope(
  scope: Scope,
  diffFile: DiffFile | undefined,
  hasDiff: boolean,
  range: { line: number; endLine: number },
): boolean {
  if (scope === "all" || !hasDiff) return true;
  if (!diffFile || diffFile.status === "deleted") return false;
  if (scope === "changed-files") return true;
  return diffFile.addedLines.some((l) => l >= range.line && l <= range.endLine);
}
