import type { Context } from "probot";
import { newRequest, pullOf, repoOf } from "./request.js";
import { submit, type Intake } from "./intake.js";

type PullRequestContext = Context<
  "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.ready_for_review"
>;

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

/**
 * opened / synchronize / reopened / ready_for_review → one job for the head SHA. Whether a draft
 * is reviewed (`review.drafts`) is decided by the job, which reads the config from the default
 * branch: a handler never makes API calls.
 */
export function onPullRequest(intake: Intake) {
  return async (context: PullRequestContext): Promise<void> => {
    const { payload } = context;
    if (isSelf(intake, payload.sender)) return;
    const pull = payload.pull_request;
    if (pull.state === "closed") return;
    submit(
      intake,
      newRequest({
        trigger: "pull_request",
        deliveryId: context.id,
        ...(payload.installation ? { installationId: payload.installation.id } : {}),
        repo: repoOf(payload.repository),
        pr: pullOf(pull),
        mode: payload.action === "synchronize" ? "incremental" : "full",
        requestedBy: payload.sender.login,
      }),
      context.log,
    );
  };
}

function isSelf(intake: Intake, sender: { login: string; type?: string }): boolean {
  return intake.appSlug !== undefined && sender.type === "Bot" && sender.login === `${intake.appSlug}[bot]`;
}
