import type { Logger } from "../../logger.js";
import type { GateResult } from "../../pipeline/types.js";
import type { Finding } from "../../review/finding.js";
import { escapeMd, prefixWithinBytes } from "../../util/markdown.js";
import { createOnce } from "../create-once.js";
import { graphql } from "../graphql.js";
import { LIMITS } from "../limits.js";
import { NO_AUTO_RETRY, statusOf, type GitHubClient } from "../octokit.js";
import { commentBody } from "./comment-body.js";
import { fixedMarker, reviewMarker, withdrawnMarker } from "./markers.js";
import type { ReviewPlan } from "./plan.js";
import { loadReviews, type Identity, type PriorReview, type PriorThread, type PullRef } from "./state.js";

export interface ReviewContext {
  github: GitHubClient;
  pull: PullRef;
  headSha: string;
  jobId: string;
  identity: Identity;
  redact: (text: string) => string;
  log: Logger;
}

export interface PostedReview {
  id: number;
  event: string;
  comments: number;
}

/**
 * Posts the planned review once: the body carries the job's hidden marker, and a retry after an
 * ambiguous failure first looks for it. When GitHub refuses the inline comments (422: a line it
 * does not consider part of the diff), a change request is posted without them, a comment review
 * not at all (undefined); the findings stay in the summary.
 */
export async function postReview(ctx: ReviewContext, plan: ReviewPlan, gate: GateResult, notInline: number): Promise<PostedReview | undefined> {
  const send = async (comments: ReviewPlan["comments"]) => {
    const body = reviewBody(ctx, gate, comments.map((c) => c.finding), notInline);
    return createOnce({
      what: "review",
      log: ctx.log,
      create: async () => {
        const { data } = await ctx.github.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews", {
          owner: ctx.pull.owner,
          repo: ctx.pull.repo,
          pull_number: ctx.pull.number,
          commit_id: ctx.headSha,
          event: plan.event,
          body,
          comments: comments.map(({ finding, placement }) => ({
            path: placement.path,
            line: placement.line,
            side: placement.side,
            ...(placement.start_line !== undefined ? { start_line: placement.start_line, start_side: placement.start_side } : {}),
            body: commentBody(finding, { exactRange: placement.exactRange, redact: ctx.redact }),
          })),
          ...NO_AUTO_RETRY,
        });
        return { id: (data as { id: number }).id, event: plan.event, comments: comments.length };
      },
      find: async () => {
        const mine = (await loadReviews(ctx.github, ctx.pull, ctx.identity)).find((r) => r.marker.jobId === ctx.jobId);
        return mine ? { id: mine.id, event: plan.event, comments: mine.marker.fingerprints.length } : undefined;
      },
    });
  };
  try {
    return await send(plan.comments);
  } catch (error) {
    if (statusOf(error) !== 422 || plan.comments.length === 0) throw error;
    ctx.log.warn({ err: error }, "GitHub refused the inline comments");
    // A change request still matters without its comments; a plain comment review would be noise.
    if (plan.event !== "REQUEST_CHANGES") return undefined;
    return send([]);
  }
}

function reviewBody(ctx: ReviewContext, gate: GateResult, posted: readonly Finding[], notInline: number): string {
  const lines = [`**elixir-agent** · ${escapeMd(ctx.redact(gate.title))}`];
  if (posted.length > 0) lines.push("", `${posted.length} new inline comment${posted.length === 1 ? "" : "s"} below.`);
  if (notInline > 0) lines.push("", `${notInline} more finding${notInline === 1 ? "" : "s"} are listed in the summary of the **elixir-agent** check.`);
  const marker = reviewMarker({ headSha: ctx.headSha, jobId: ctx.jobId, fingerprints: posted.map((f) => f.fingerprint) });
  return prefixWithinBytes(lines.join("\n"), LIMITS.commentBodyBytes - marker.length) + marker;
}

const RESOLVE = `mutation($threadId: ID!) { resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }`;

/** Marks a thread whose finding is gone as fixed in the new head, then resolves it. */
export async function markFixed(ctx: ReviewContext, thread: PriorThread): Promise<void> {
  if (thread.fixedSha === undefined) {
    const note = `${fixedMarker(ctx.headSha)}\n✅ **Fixed in ${ctx.headSha.slice(0, 7)}** — elixir-agent no longer finds this.\n\n`;
    const body = note + thread.body;
    await ctx.github.request("PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}", {
      owner: ctx.pull.owner,
      repo: ctx.pull.repo,
      comment_id: thread.commentId,
      body: Buffer.byteLength(body, "utf8") <= LIMITS.commentBodyBytes ? body : fitKeepingEnd(note, thread.body),
    });
  }
  await graphql(ctx.github, RESOLVE, { threadId: thread.threadId });
}

/** Withdraws our earlier change request now that the gate passes (marked first, so it is not mistaken for a human's dismissal). */
export async function withdraw(ctx: ReviewContext, review: PriorReview): Promise<void> {
  await ctx.github.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}", {
    owner: ctx.pull.owner,
    repo: ctx.pull.repo,
    pull_number: ctx.pull.number,
    review_id: review.id,
    body: fitKeepingEnd(`${withdrawnMarker(ctx.headSha)}\n`, review.body),
  });
  await ctx.github.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals", {
    owner: ctx.pull.owner,
    repo: ctx.pull.repo,
    pull_number: ctx.pull.number,
    review_id: review.id,
    message: `The elixir-agent gate passes on ${ctx.headSha.slice(0, 7)}.`,
    event: "DISMISS",
  });
}

/** `head` + the end of `body` (where the hidden marker lives), within the comment limit. */
function fitKeepingEnd(head: string, body: string): string {
  const room = LIMITS.commentBodyBytes - Buffer.byteLength(head, "utf8") - 50;
  if (Buffer.byteLength(body, "utf8") <= room) return head + body;
  const tail = body.slice(body.lastIndexOf("\n<!-- elixir-agent:"));
  return head + prefixWithinBytes(body, room - Buffer.byteLength(tail, "utf8") - 20) + "\n…\n" + tail;
}
