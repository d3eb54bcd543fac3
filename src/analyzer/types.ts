import type { Config } from "../config/schema.js";
import type { RawFinding, Severity } from "../review/finding.js";
import type { DiffFile } from "../workspace/types.js";

export interface AnalyzerInput {
  /** Repository root on the host (files are read from here). */
  root: string;
  /** The change; absent means "analyse everything" (the `analyze` CLI). */
  diff?: readonly DiffFile[];
  /** Files to analyse, repository-relative. Defaults to the changed files of `diff`. */
  files?: readonly string[];
  config: Config["analyzer"];
  /** Globs of files never analysed (review.ignorePaths). */
  ignorePaths?: readonly string[];
  /** Stops the run between files; the report then says it was cut short. */
  signal?: AbortSignal;
}

export interface AnalyzerReport {
  ran: boolean;
  reason?: string;
  findings: RawFinding[];
  filesAnalyzed: number;
  linesAnalyzed: number;
  /** Files not analysed and why (parse errors, too large, generated …). */
  skipped: { path: string; reason: string }[];
  durationMs: number;
}

export interface RuleInfo {
  id: string;
  checklistItem: string;
  severity: Severity;
  title: string;
}
