import type { RawFinding, Severity } from "../../review/finding.js";
import { location, makeFinding } from "../findings.js";
import type { RepoPaths } from "../paths.js";
import { priorityName, type CredoIssue, type CredoPriority } from "./parse.js";

/**
 * Credo's priority bands map one-to-one onto severities, so the gate's `credo: higher|high|normal|low`
 * threshold is a severity threshold on credo findings: higher → blocker, high → major,
 * normal → minor, low (and below) → info.
 */
export const CREDO_SEVERITY: Record<CredoPriority, Severity> = {
  higher: "blocker",
  high: "major",
  normal: "minor",
  low: "info",
  ignore: "info",
};

export function credoFinding(issue: CredoIssue, paths: RepoPaths): RawFinding {
  const priority = priorityName(issue.priority);
  const path = paths.resolve(issue.filename);
  const short = issue.check.replace(/^Credo\.Check\./, "");
  return makeFinding({
    source: "credo",
    rule: `credo/${issue.check}`,
    checklistItem: "credo",
    severity: CREDO_SEVERITY[priority],
    title: `Credo ${short}: ${issue.message}`,
    message:
      `${issue.message}\n\n` +
      `Credo \`${issue.check}\` (${issue.category}, ${priority} priority${issue.scope ? `, in \`${issue.scope}\`` : ""})` +
      (path ? "." : ` at \`${location(issue.filename, issue.line, issue.column)}\`.`),
    path,
    line: issue.line,
    column: issue.column,
    evidence: issue.trigger ? `${location(issue.filename, issue.line, issue.column)}: ${issue.trigger}` : undefined,
  });
}
