import type { AgentReport } from "../agent/types.js";
import type { AnalyzerReport } from "../analyzer/types.js";
import type { Config, StepId } from "../config/schema.js";
import type { Finding } from "../review/finding.js";
import type { ToolchainReport } from "../toolchain/types.js";
import type { FileStatus, ProjectShape } from "../workspace/types.js";

/** Why a job runs. */
export type Trigger =
  | "pull_request"
  | "check_run.rerequested"
  | "check_suite.rerequested"
  | "requested_action"
  | "command"
  | "push"
  | "cli";

/**
 * Everything a worker needs to run a review, as plain JSON: a distributed queue backend can
 * serialise it. Secrets are never part of it (tokens are minted by the worker).
 */
export interface JobRequest {
  /** Unique per enqueue. */
  id: string;
  deliveryId?: string;
  trigger: Trigger;
  installationId?: number;
  repo: {
    owner: string;
    name: string;
    /** `repository.clone_url` from the payload: GitHub Enterprise works unchanged. */
    cloneUrl: string;
    defaultBranch: string;
  };
  /** The PR; `number` may be unknown for check events from forks (resolved by the worker). */
  pr: {
    number?: number;
    headSha: string;
    headRef?: string;
    baseRef?: string;
    baseSha?: string;
    title?: string;
    body?: string;
    draft?: boolean;
    /** The head lives in a fork. */
    fork?: boolean;
    author?: string;
  };
  /**
   * `full` reviews again from scratch; `step` re-runs one toolchain step; `warm` is a push to the
   * default branch that refreshes the repository's deps/_build cache (no review).
   */
  mode: "full" | "incremental" | "step" | "warm";
  step?: StepId;
  /** Who asked (commands, re-runs). */
  requestedBy?: string;
}

/** `owner/name#number`, `owner/name@sha` while the PR number is unknown, `owner/name@<default branch>` for warm-ups. */
export function jobKey(request: Pick<JobRequest, "repo" | "pr"> & Partial<Pick<JobRequest, "mode">>): string {
  const repo = `${request.repo.owner}/${request.repo.name}`;
  if (request.mode === "warm") return `${repo}@${request.repo.defaultBranch}`;
  return request.pr.number !== undefined ? `${repo}#${request.pr.number}` : `${repo}@${request.pr.headSha}`;
}

export type Conclusion = "success" | "failure" | "neutral" | "cancelled";

export interface GateResult {
  conclusion: Conclusion;
  /** One line for the check run title. */
  title: string;
  /** Each reason the conclusion is what it is. */
  reasons: string[];
  /** Shown on top of the summary when the review could not fully run. */
  banner?: string;
}

/** In order. The analyzer runs before the toolchain: PR code in the sandbox can rewrite the checkout. */
export const STAGES = ["config", "workspace", "analyzer", "toolchain", "agent", "gate", "publish"] as const;
export type StageName = (typeof STAGES)[number];
export type StageState = "pending" | "running" | "done" | "skipped" | "failed";

export interface StageProgress {
  stage: StageName;
  state: StageState;
  detail?: string;
  durationMs?: number;
}

export interface IgnoredRule {
  rule: string;
  by: string;
  reason?: string;
}

/** The whole review as data: every renderer (summary, CLI text/JSON/SARIF) reads this. */
export interface ReviewReport {
  /** Shape version of `--format json`. */
  schemaVersion: 1;
  repo: { owner: string; name: string } | { path: string };
  pr?: { number: number; title?: string; url?: string };
  headSha: string;
  baseSha: string;
  mergeBase: string;
  config: Config;
  configSource: "file" | "default";
  project: ProjectShape;
  files: { path: string; status: FileStatus; additions: number; deletions: number; binary: boolean }[];
  toolchain: ToolchainReport;
  analyzer: AnalyzerReport;
  agent: AgentReport;
  /** All findings, fingerprinted, deduplicated, in scope. */
  findings: Finding[];
  ignoredRules: IgnoredRule[];
  gate: GateResult;
  stages: StageProgress[];
  durationMs: number;
}
