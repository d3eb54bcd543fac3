import type { ReviewReport, StageProgress } from "../pipeline/types.js";
import type { DiffFile } from "../workspace/types.js";

/** How a job ends when it cannot produce a review. */
export interface AbortOutcome {
  conclusion: "cancelled" | "neutral" | "skipped";
  title: string;
  summary: string;
}

/** What publishing needs beyond the report: the diff's line maps (inline comments go on diff lines only). */
export interface PublishContext {
  diff: readonly DiffFile[];
}

/**
 * Where a review goes: the GitHub check run + PR review, a dry run that prints the calls, or the
 * CLI's output. The pipeline calls `begin` first and then exactly one of `complete` / `abort`.
 */
export interface Publisher {
  /** Create the check run `in_progress` (before the clone). */
  begin(): Promise<void>;
  /** Stages finished so far; publishers may throttle. */
  progress(stages: readonly StageProgress[]): Promise<void>;
  /** Complete the check run with the gate's conclusion and post the review. */
  complete(report: ReviewReport, context?: PublishContext): Promise<void>;
  /** Complete the check run honestly when no review could be produced. */
  abort(outcome: AbortOutcome): Promise<void>;
}
