import type { FindingSource, RawFinding, Severity } from "../review/finding.js";
import { excerpt, oneLine } from "./text/ansi.js";

export interface FindingInput {
  source: FindingSource;
  rule: string;
  severity: Severity;
  title: string;
  message: string;
  checklistItem?: string | undefined;
  path?: string | undefined;
  line?: number | undefined;
  endLine?: number | undefined;
  column?: number | undefined;
  evidence?: string | undefined;
  suggestion?: string | undefined;
}

/** Builds a RawFinding: title on one line ≤ 255, evidence excerpted, absent fields left out. */
export function makeFinding(input: FindingInput): RawFinding {
  const finding: RawFinding = {
    source: input.source,
    rule: input.rule,
    severity: input.severity,
    title: oneLine(input.title, 255),
    message: input.message.trim(),
  };
  if (input.checklistItem) finding.checklistItem = input.checklistItem;
  if (input.path) {
    finding.path = input.path;
    if (input.line !== undefined && input.line > 0) {
      finding.line = input.line;
      if (input.endLine !== undefined && input.endLine > input.line) finding.endLine = input.endLine;
      if (input.column !== undefined && input.column > 0) finding.column = input.column;
    }
  }
  if (input.evidence?.trim()) finding.evidence = excerpt(input.evidence, 6000);
  if (input.suggestion !== undefined) finding.suggestion = input.suggestion;
  return finding;
}

/** `lib/a.ex:12:5`, for messages about findings without a resolvable path. */
export function location(file: string | undefined, line?: number, column?: number): string {
  if (!file) return "";
  return `${file}${line ? `:${line}` : ""}${line && column ? `:${column}` : ""}`;
}
