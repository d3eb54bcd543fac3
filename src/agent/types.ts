import type { Config } from "../config/schema.js";
import type { ClaudeClient } from "./client/claude-client.js";
import type { Logger } from "../logger.js";
import type { RawFinding } from "../review/finding.js";
import type { Settings } from "../settings.js";
import type { ToolchainReport } from "../toolchain/types.js";
import type { DiffFile } from "../workspace/types.js";

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

/** The model's verdict on one analyzer finding it was shown as a hypothesis. */
export interface HypothesisVerdict {
  /** Index into `AgentInput.analyzerFindings`. */
  index: number;
  verdict: "confirmed" | "rejected" | "uncertain";
  /** One or two sentences, redacted. */
  reason: string;
}

export interface AgentReport {
  /** `ran`: every planned call succeeded; `partial`: some chunks failed; `skipped`/`failed`: no AI review. */
  status: "ran" | "partial" | "skipped" | "failed";
  /** Plain words for users when the AI review did not (fully) run. */
  reason?: string;
  model?: string;
  checklist: ChecklistEvaluation[];
  /** Inline comments as findings (source `agent`), already redacted and on commentable lines. */
  findings: RawFinding[];
  summary?: string;
  filesSeen: string[];
  filesNotSeen: string[];
  /** Why each file in `filesNotSeen` was left out (lockfile, generated, binary, over budget …). */
  notSeen?: { path: string; reason: string }[];
  /** Verdicts on analyzer findings (hypotheses); advisory only, never used by the gate alone. */
  hypotheses?: HypothesisVerdict[];
  usage: TokenUsage;
  costUsd?: number;
  /** Model calls made (chunks plus repair calls; HTTP retries are not counted). */
  calls: number;
}

/** Everything `runAgent` needs. Untrusted parts are marked; they are sanitised and delimited before the model sees them. */
export interface AgentInput {
  pr: {
    /** Untrusted. */
    title: string;
    /** Untrusted (may contain hidden HTML, invisible characters, injected instructions). */
    body: string;
  };
  /** The parsed change; comments may only sit on `commentableLines`. */
  diff: readonly DiffFile[];
  /** Reads a head-side file, repository-relative (e.g. `Workspace.readFile`); undefined when absent or binary. */
  readFile(path: string): Promise<string | undefined>;
  /** Toolchain evidence (its text is untrusted: it comes out of the sandbox). */
  toolchain: ToolchainReport;
  /** Analyzer findings, shown to the model as hypotheses to confirm or reject. */
  analyzerFindings: readonly RawFinding[];
  /** The repository's `agent` config section (from the default branch). */
  config: Config["agent"];
  /** Globs of files never shown to the model (`review.ignorePaths`). */
  ignorePaths?: readonly string[];
  /** At most this many inline comments (`review.maxComments`); the rest go to the summary. Default 10. */
  maxComments?: number;
  settings: Pick<Settings, "anthropicApiKey" | "model" | "anthropicBaseUrl">;
  /** Exact secret strings (`configuredSecrets()`) removed from everything sent or returned. */
  secrets: readonly string[];
  /** The API client; defaults to the process-wide shared one (one circuit breaker for all reviews). */
  client?: ClaudeClient;
  signal?: AbortSignal;
  log: Logger;
}
