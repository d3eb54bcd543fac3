import type { RawFinding } from "../review/finding.js";

export type ChecklistStatus = "pass" | "concern" | "fail" | "not_applicable";

export interface ChecklistEvaluation {
  /** Checklist item id from `agent/checklist.yaml`. */
  item: string;
  status: ChecklistStatus;
  evidence: string;
}

export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface AgentReport {
  /** `ran`: every planned call succeeded; `partial`: some chunks failed; `skipped`/`failed`: no AI review. */
  status: "ran" | "partial" | "skipped" | "failed";
  /** Plain words for users when the AI review did not (fully) run. */
  reason?: string;
  model?: string;
  checklist: ChecklistEvaluation[];
  /** Inline comments as findings (source `agent`), already redacted. */
  findings: RawFinding[];
  summary?: string;
  filesSeen: string[];
  filesNotSeen: string[];
  usage: TokenUsage;
  costUsd?: number;
  calls: number;
}
