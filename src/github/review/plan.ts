import type { Conclusion } from "../../pipeline/types.js";
import { bySeverity, type Finding, type FindingSource } from "../../review/finding.js";
import type { DiffFile } from "../../workspace/types.js";
import { indexDiff, place, type Placement } from "./placement.js";
import type { PriorReview, PriorState, PriorThread } from "./state.js";

export type ReviewEvent = "COMMENT" | "REQUEST_CHANGES";

export interface PlanInput {
  findings: readonly Finding[];
  diff: readonly DiffFile[];
  prior: PriorState;
  headSha: string;
  maxComments: number;
  requestChanges: boolean;
  conclusion: Conclusion;
  /** Did `source` look at `path` in this review (see `sourceCovered`)? */
  covered: (source: FindingSource, path: string) => boolean;
}

/** Where each finding went: an inline comment, or why not. */
export type Disposition =
  | { kind: "comment"; placement: Placement }
  | { kind: "open"; note: string }
  | { kind: "suppressed"; note: string }
  | { kind: "summary"; note: string };

export interface ReviewPlan {
  /** Finding fingerprint → disposition, for every finding. */
  dispositions: Map<string, Disposition>;
  comments: { finding: Finding; placement: Placement }[];
  event: ReviewEvent;
  /** Post a review at all (new comments, or a change request not already standing). */
  post: boolean;
  /** Our review of this head SHA, when one exists: never a second one. */
  existing?: PriorReview;
  /** Open threads whose finding is gone: mark fixed and resolve. */
  fixed: PriorThread[];
  /** Our standing change requests, to dismiss when the gate no longer fails. */
  dismiss: PriorReview[];
}

/**
 * Decides what the review says, repeating nothing: a finding with an open thread is not posted
 * again; one whose thread a human resolved, whose review was dismissed, or whose comment was
 * deleted is never raised again on the PR; a thread we resolved as fixed is raised again only if
 * the finding comes back. New findings go inline when their line is in the diff, most severe
 * first, at most `maxComments`; everything else is listed in the summary.
 */
export function planReview(input: PlanInput): ReviewPlan {
  const dispositions = new Map<string, Disposition>();
  const files = indexDiff(input.diff);
  const withdrawn = new Set(input.prior.reviews.filter((r) => r.withdrawn).map((r) => r.id));
  const dismissedByHuman = (t: PriorThread) => t.reviewState === "DISMISSED" && !(t.reviewId !== undefined && withdrawn.has(t.reviewId));
  const threadsByFp = group(input.prior.threads, (t) => t.fingerprint);
  const everPosted = new Set(input.prior.reviews.flatMap((r) => r.marker.fingerprints));
  const existing = input.prior.reviews.find((r) => r.marker.headSha === input.headSha);
  const candidates: { finding: Finding; placement: Placement }[] = [];

  for (const finding of input.findings) {
    const threads = threadsByFp.get(finding.fingerprint) ?? [];
    const prior = priorDisposition(threads, everPosted.has(finding.fingerprint), dismissedByHuman);
    if (prior) {
      dispositions.set(finding.fingerprint, prior);
      continue;
    }
    const placed = place(finding, files);
    if (!placed.ok) dispositions.set(finding.fingerprint, { kind: "summary", note: placed.reason });
    else if (existing) dispositions.set(finding.fingerprint, { kind: "summary", note: "this commit was already reviewed" });
    else candidates.push({ finding, placement: placed.placement });
  }

  const ordered = [...candidates].sort((a, b) => bySeverity(a.finding, b.finding));
  const comments = ordered.slice(0, Math.max(0, input.maxComments));
  for (const c of comments) dispositions.set(c.finding.fingerprint, { kind: "comment", placement: c.placement });
  for (const c of ordered.slice(comments.length)) {
    dispositions.set(c.finding.fingerprint, { kind: "summary", note: `over the limit of ${input.maxComments} comments per review` });
  }

  const current = new Set(input.findings.map((f) => f.fingerprint));
  const fixed = input.prior.threads.filter(
    (t) =>
      !current.has(t.fingerprint) &&
      !t.isResolved &&
      !dismissedByHuman(t) &&
      input.covered(t.source, t.path) &&
      // The model is not deterministic: its silence proves nothing until the code under the comment changed.
      (t.source !== "agent" || t.isOutdated),
  );

  const event: ReviewEvent = input.requestChanges && input.conclusion === "failure" ? "REQUEST_CHANGES" : "COMMENT";
  const standing = standingState(input.prior.reviews);
  const post = !existing && (comments.length > 0 || (event === "REQUEST_CHANGES" && standing !== "CHANGES_REQUESTED"));
  const dismiss = input.conclusion === "success" ? input.prior.reviews.filter((r) => r.state === "CHANGES_REQUESTED") : [];
  return { dispositions, comments: post ? comments : [], event, post, ...(existing ? { existing } : {}), fixed, dismiss };
}

function priorDisposition(
  threads: readonly PriorThread[],
  everPosted: boolean,
  dismissedByHuman: (t: PriorThread) => boolean,
): Disposition | undefined {
  if (threads.some(dismissedByHuman)) return { kind: "suppressed", note: "its review was dismissed" };
  if (threads.some((t) => t.isResolved && t.fixedSha === undefined)) return { kind: "suppressed", note: "a reviewer resolved it" };
  if (threads.some((t) => !t.isResolved && t.fixedSha === undefined)) return { kind: "open", note: "already commented" };
  if (threads.length === 0 && everPosted) return { kind: "suppressed", note: "its comment was deleted" };
  return undefined; // new, or back after we marked it fixed
}

/** A reviewer's standing verdict is their latest non-comment review. */
function standingState(reviews: readonly PriorReview[]): string | undefined {
  return [...reviews].sort((a, b) => a.id - b.id).filter((r) => r.state !== "COMMENTED" && r.state !== "PENDING").at(-1)?.state;
}

function group<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
