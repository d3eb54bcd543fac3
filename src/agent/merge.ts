import type { RawFinding } from "../review/finding.js";
import { bySeverity } from "../review/finding.js";
import { commentableIndex } from "../workspace/diff.js";
import type { DiffFile } from "../workspace/types.js";
import type { Answer } from "./schema.js";
import type { ChecklistEvaluation, ChecklistStatus, HypothesisVerdict } from "./types.js";

const WORST_FIRST: readonly ChecklistStatus[] = ["fail", "concern", "pass", "not_applicable"];

export interface Merged {
  checklist: ChecklistEvaluation[];
  findings: RawFinding[];
  hypotheses: HypothesisVerdict[];
  summary: string;
}

export interface MergeOptions {
  diff: readonly DiffFile[];
  /** Enabled item ids in checklist order. */
  items: readonly string[];
  hypothesisCount: number;
  maxComments: number;
  /** Files the model was shown (in a part that answered); comments elsewhere go to the summary. */
  shown?: ReadonlySet<string>;
}

/** Merges the answers of every chunk into one review: worst status per item, comments placed and capped. */
export function mergeAnswers(answers: readonly Answer[], options: MergeOptions): Merged {
  const comments = answers.flatMap((a) => a.comments);
  const { inline, moved } = placeComments(comments, options.diff, options.shown);
  inline.sort(bySeverity);
  const kept = inline.slice(0, options.maxComments);
  const overflow = inline.slice(options.maxComments);

  const parts = answers.map((a, i) => (answers.length > 1 ? `**Part ${i + 1}:** ${clip(a.summary, 1500)}` : clip(a.summary, 1500)));
  if (moved.length) parts.push(["Notes on lines outside the diff:", ...moved.map(noteLine)].join("\n"));
  if (overflow.length) parts.push(["Further notes (over the inline comment limit):", ...overflow.map(noteLine)].join("\n"));

  return {
    checklist: mergeChecklist(answers, options.items),
    findings: kept,
    hypotheses: mergeHypotheses(answers, options.hypothesisCount),
    summary: parts.join("\n\n"),
  };
}

function mergeChecklist(answers: readonly Answer[], items: readonly string[]): ChecklistEvaluation[] {
  const out: ChecklistEvaluation[] = [];
  for (const item of items) {
    const entries = answers.flatMap((a) => a.checklist.filter((e) => e.item === item));
    if (!entries.length) continue;
    const status = WORST_FIRST.find((s) => entries.some((e) => e.status === s))!;
    const evidence = [...new Set(entries.filter((e) => e.status === status).map((e) => e.evidence.trim()).filter(Boolean))];
    out.push({ item, status, evidence: clip(evidence.slice(0, 3).join(" "), 800) });
  }
  return out;
}

function mergeHypotheses(answers: readonly Answer[], count: number): HypothesisVerdict[] {
  const byIndex = new Map<number, HypothesisVerdict>();
  for (const h of answers.flatMap((a) => a.hypotheses)) {
    const index = Number(h.id.slice(1)) - 1;
    if (index >= 0 && index < count && !byIndex.has(index)) byIndex.set(index, { index, verdict: h.verdict, reason: clip(h.reason, 400) });
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/**
 * Comments on a commentable new-side line become findings; a range whose end is not in the same
 * hunk shrinks to its first line (and loses its suggestion, which was written for the range);
 * comments anywhere else, or on a file the model was not shown, move to the summary. Duplicates
 * (same place, same title) are dropped.
 */
export function placeComments(
  comments: Answer["comments"],
  diff: readonly DiffFile[],
  shown?: ReadonlySet<string>,
): { inline: RawFinding[]; moved: RawFinding[] } {
  const commentable = commentableIndex(diff);
  const inline: RawFinding[] = [];
  const moved: RawFinding[] = [];
  const seen = new Set<string>();
  for (const c of comments) {
    const key = `${c.path}\0${c.line}\0${c.title.trim().toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const lines = commentable.get(c.path);
    const finding: RawFinding = {
      source: "agent",
      rule: `agent/${c.checklistItem ?? "review"}`,
      severity: c.severity,
      path: c.path,
      line: c.line,
      title: clip(c.title.replace(/\s+/g, " "), 200),
      message: clip(c.body, 4000),
      ...(c.checklistItem ? { checklistItem: c.checklistItem } : {}),
    };
    if (!lines?.has(c.line) || (shown && !shown.has(c.path))) {
      moved.push(finding);
      continue;
    }
    const rangeOk = c.endLine !== undefined && c.endLine > c.line && contiguous(lines, c.line, c.endLine);
    if (rangeOk) finding.endLine = c.endLine!;
    if (c.suggestion !== undefined && (c.endLine === undefined || c.endLine === c.line || rangeOk)) finding.suggestion = c.suggestion;
    inline.push(finding);
  }
  return { inline, moved };
}

function contiguous(lines: ReadonlySet<number>, from: number, to: number): boolean {
  for (let n = from; n <= to; n++) if (!lines.has(n)) return false;
  return true;
}

function noteLine(f: RawFinding): string {
  const where = `${f.path}${f.line ? `:${f.line}` : ""}`;
  return `- \`${where}\` (${f.severity}) ${f.title} — ${clip(f.message.replace(/\s+/g, " "), 300)}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
