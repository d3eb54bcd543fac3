/**
 * The shared currency of every stage: a tool failure, an analyzer hit or an agent comment is a
 * Finding — data, never an exception.
 */

export const FINDING_SOURCES = ["compile", "format", "test", "credo", "dialyzer", "analyzer", "agent"] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** Ordered from most to least severe. */
export const SEVERITIES = ["blocker", "major", "minor", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  source: FindingSource;
  /** Stable rule id, e.g. `compile/warning`, `test/failure`, `credo/Credo.Check.Readability.ModuleDoc`, `otp/impl-true`. */
  rule: string;
  /** Checklist item id from `agent/checklist.yaml` this finding is evidence for. */
  checklistItem?: string;
  severity: Severity;
  /** Repository-root-relative POSIX path. Absent for findings about the whole project. */
  path?: string;
  /** 1-based line on the new side of the diff. */
  line?: number;
  /** Last line of a range (inclusive), on the new side. */
  endLine?: number;
  /** 1-based column, when the tool gives one. */
  column?: number;
  /** One line, ≤ 255 characters: what is wrong. */
  title: string;
  /** Markdown: what is wrong, why it matters in Elixir, how to fix it. */
  message: string;
  /** Replacement text for lines `line`..`endLine` (a committable suggestion). */
  suggestion?: string;
  /** Raw tool output backing the finding (untrusted: rendered as code, redacted before posting). */
  evidence?: string;
  /** Stable across pushes: rule + path + normalised code, never the line number. */
  fingerprint: string;
}

/** What producers return; the pipeline assigns fingerprints centrally from the code at the line. */
export type RawFinding = Omit<Finding, "fingerprint"> & { fingerprint?: string };

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at least as severe as `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export function bySeverity(a: Pick<Finding, "severity">, b: Pick<Finding, "severity">): number {
  return severityRank(a.severity) - severityRank(b.severity);
}
