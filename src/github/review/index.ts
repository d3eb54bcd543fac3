import type { ReviewReport } from "../../pipeline/types.js";
import type { DiffFile } from "../../workspace/types.js";
import { planReview, type Disposition } from "./plan.js";
import { markFixed, postReview, withdraw, type PostedReview, type ReviewContext } from "./post.js";
import { sourceCovered } from "./sources.js";
import { loadPriorState } from "./state.js";

export type { ReviewContext } from "./post.js";
export type { Disposition } from "./plan.js";

export interface ReviewOutcome {
  posted?: PostedReview;
  /** Why no review was posted, in plain words. */
  note?: string;
  /** Finding fingerprint → where it went. */
  dispositions: Map<string, Disposition>;
  /** Threads marked fixed and resolved. */
  fixed: number;
  /** Our change requests withdrawn because the gate passes now. */
  withdrawn: number;
  /** What went wrong, for the summary (the gate's verdict stands regardless). */
  errors: string[];
}

/**
 * The PR review for one head SHA: reads our earlier reviews and threads, plans (no repeats, only
 * diff lines, capped), posts at most one review, marks fixed threads, withdraws a stale change
 * request. Failures of the follow-up writes are collected, never thrown.
 */
export async function publishReview(ctx: ReviewContext, report: ReviewReport, diff: readonly DiffFile[]): Promise<ReviewOutcome> {
  const prior = await loadPriorState(ctx.github, ctx.pull, ctx.identity);
  const plan = planReview({
    findings: report.findings,
    diff,
    prior,
    headSha: ctx.headSha,
    maxComments: report.config.review.maxComments,
    requestChanges: report.config.review.requestChanges,
    conclusion: report.gate.conclusion,
    covered: sourceCovered(report),
  });
  const outcome: ReviewOutcome = { dispositions: plan.dispositions, fixed: 0, withdrawn: 0, errors: [] };
  const notInline = [...plan.dispositions.values()].filter((d) => d.kind === "summary").length;
  if (plan.post) {
    const posted = await postReview(ctx, plan, report.gate, notInline);
    if (posted) outcome.posted = posted;
    if (!posted || (posted.comments === 0 && plan.comments.length > 0)) {
      outcome.note = "GitHub refused the inline comments; the findings are listed below instead";
      for (const c of plan.comments) outcome.dispositions.set(c.finding.fingerprint, { kind: "summary", note: "GitHub refused the inline comment" });
    }
  } else {
    outcome.note = plan.existing ? `this commit was already reviewed (review ${plan.existing.id})` : "nothing new to comment on inline";
  }
  for (const thread of plan.fixed) {
    try {
      await markFixed(ctx, thread);
      outcome.fixed++;
    } catch (error) {
      ctx.log.warn({ err: error, thread: thread.threadId }, "could not mark a thread fixed");
      outcome.errors.push(`could not resolve a fixed thread on ${thread.path}: ${message(error)}`);
    }
  }
  for (const review of plan.dismiss) {
    try {
      await withdraw(ctx, review);
      outcome.withdrawn++;
    } catch (error) {
      ctx.log.warn({ err: error, review: review.id }, "could not withdraw a change request");
      outcome.errors.push(`could not withdraw the earlier change request (review ${review.id}): ${message(error)}`);
    }
  }
  return outcome;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 200);
}
