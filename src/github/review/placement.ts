import type { Finding } from "../../review/finding.js";
import type { DiffFile } from "../../workspace/types.js";

/** Where an inline comment goes, in the shape of the review API (new side only). */
export interface Placement {
  path: string;
  line: number;
  side: "RIGHT";
  start_line?: number;
  start_side?: "RIGHT";
  /** The comment covers exactly the finding's lines: a `suggestion` block may replace them. */
  exactRange: boolean;
}

export type PlacementResult = { ok: true; placement: Placement } | { ok: false; reason: string };

export interface IndexedFile {
  file: DiffFile;
  commentable: ReadonlySet<number>;
}

/** Diff files by new path, with their commentable lines as a set, for placement lookups. */
export function indexDiff(diff: readonly DiffFile[]): Map<string, IndexedFile> {
  return new Map(diff.filter((f) => f.status !== "deleted" && !f.binary).map((f) => [f.path, { file: f, commentable: new Set(f.commentableLines) }]));
}

/**
 * Places a finding on the new side of the diff. GitHub answers 422 for a comment on a line outside
 * every hunk, so a finding is only placed when its line is commentable; a range needs both ends
 * inside ONE hunk, otherwise the comment shrinks to the last line and loses its suggestion.
 */
export function place(finding: Finding, files: ReadonlyMap<string, IndexedFile>): PlacementResult {
  if (finding.path === undefined) return { ok: false, reason: "about the whole project" };
  if (finding.line === undefined || finding.line < 1) return { ok: false, reason: "no line to comment on" };
  const indexed = files.get(finding.path);
  if (!indexed) return { ok: false, reason: "file not changed by this pull request" };
  const { file, commentable } = indexed;
  const start = finding.line;
  const end = finding.endLine !== undefined && finding.endLine > start ? finding.endLine : start;
  const hunk = file.hunks.find((h) => start >= h.newStart && end < h.newStart + h.newLines);
  if (end > start && hunk && commentable.has(start) && commentable.has(end)) {
    return { ok: true, placement: { path: file.path, start_line: start, start_side: "RIGHT", line: end, side: "RIGHT", exactRange: true } };
  }
  if (commentable.has(start)) {
    return { ok: true, placement: { path: file.path, line: start, side: "RIGHT", exactRange: end === start } };
  }
  return { ok: false, reason: "line outside the diff" };
}
