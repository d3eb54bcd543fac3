import type { Context } from "probot";
import { newRequest, repoOf } from "./request.js";
import { isOwnApp, submit, type Intake } from "./intake.js";

/** Identifiers of the buttons on the check run (`requested_action`). */
export const ACTIONS = {
  rerun: { identifier: "rerun", label: "Re-run review", description: "Review this commit again" },
  full: { identifier: "full-review", label: "Full review", description: "Review from scratch, repeating nothing" },
} as const;

/**
 * `check_run.rerequested` / `requested_action` and `check_suite.rerequested` enqueue a job for
 * the PR's current head. Fork pushes carry an empty `pull_requests` array: the job then resolves
 * the PR from the head SHA.
 */
export function onCheckRun(intake: Intake) {
  return async (context: Context<"check_run.rerequested" | "check_run.requested_action">): Promise<void> => {
    const { payload } = context;
    const run = payload.check_run;
    if (!isOwnApp(intake, run.app)) return;
    if (payload.action === "requested_action") {
      const id = payload.requested_action?.identifier;
      if (id !== ACTIONS.rerun.identifier && id !== ACTIONS.full.identifier) return;
    }
    const pr = run.pull_requests[0];
    const full = payload.action === "requested_action" && payload.requested_action?.identifier === ACTIONS.full.identifier;
    submit(
      intake,
      newRequest({
        trigger: payload.action === "rerequested" ? "check_run.rerequested" : "requested_action",
        deliveryId: context.id,
        ...(payload.installation ? { installationId: payload.installation.id } : {}),
        repo: repoOf(payload.repository),
        pr: {
          headSha: run.head_sha,
          ...(pr ? { number: pr.number, baseRef: pr.base.ref, baseSha: pr.base.sha, headRef: pr.head.ref } : {}),
        },
        mode: full ? "full" : "incremental",
        requestedBy: payload.sender.login,
      }),
      context.log,
    );
  };
}

export function onCheckSuite(intake: Intake) {
  return async (context: Context<"check_suite.rerequested">): Promise<void> => {
    const { payload } = context;
    const suite = payload.check_suite;
    if (!isOwnApp(intake, suite.app)) return;
    const pr = suite.pull_requests[0];
    submit(
      intake,
      newRequest({
        trigger: "check_suite.rerequested",
        deliveryId: context.id,
        ...(payload.installation ? { installationId: payload.installation.id } : {}),
        repo: repoOf(payload.repository),
        pr: {
          headSha: suite.head_sha,
          ...(pr ? { number: pr.number, baseRef: pr.base.ref, baseSha: pr.base.sha, headRef: pr.head.ref } : {}),
        },
        mode: "incremental",
        requestedBy: payload.sender.login,
      }),
      context.log,
    );
  };
}
