import type { RawFinding, Severity } from "../../review/finding.js";
import type { Hit, Rule } from "../rule.js";

const TITLE_MAX = 255;
const EVIDENCE_LINES = 6;

/** The finding for a located hit: message = what (from the hit) + why + how to fix (from the rule). */
export function toFinding(
  rule: Rule,
  hit: Hit,
  where: { path: string; line: number; endLine: number; column: number | undefined },
  severity: Severity,
  lines: readonly string[],
): RawFinding {
  const title = clip(hit.title ?? rule.title, TITLE_MAX);
  const message = `${hit.message}\n\n**Why it matters:** ${rule.why}\n\n**How to fix:** ${rule.fix}`;
  const evidenceEnd = Math.min(where.endLine, where.line + EVIDENCE_LINES - 1);
  const finding: RawFinding = {
    source: "analyzer",
    rule: rule.id,
    checklistItem: rule.checklistItem,
    severity,
    path: where.path,
    line: where.line,
    title,
    message,
    evidence: lines.slice(where.line - 1, evidenceEnd).join("\n"),
  };
  if (where.endLine !== where.line) finding.endLine = where.endLine;
  if (where.column !== undefined) finding.column = where.column;
  if (hit.suggestion !== undefined) finding.suggestion = hit.suggestion;
  return finding;
}

function clip(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}
