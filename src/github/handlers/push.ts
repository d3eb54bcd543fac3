import type { Context } from "probot";
import { newRequest, repoOf } from "./request.js";
import { submit, type Intake } from "./intake.js";

/**
 * A push to the default branch refreshes the repository's toolchain cache (deps/, _build/):
 * trusted code only, so pull-request reviews can start warm from a copy. Other branches, tags
 * and deletions are ignored. A newer push supersedes a warm-up still running.
 */
export function onPush(intake: Intake) {
  return async (context: Context<"push">): Promise<void> => {
    const { payload } = context;
    const defaultBranch = payload.repository.default_branch ?? payload.repository.master_branch;
    if (!defaultBranch || payload.ref !== `refs/heads/${defaultBranch}` || payload.deleted || /^0+$/.test(payload.after)) return;
    submit(
      intake,
      newRequest({
        trigger: "push",
        deliveryId: context.id,
        ...(payload.installation ? { installationId: payload.installation.id } : {}),
        repo: { ...repoOf(payload.repository as never), defaultBranch },
        pr: { headSha: payload.after, headRef: payload.ref, baseRef: defaultBranch },
        mode: "warm",
        ...(payload.sender ? { requestedBy: payload.sender.login } : {}),
      }),
      context.log,
    );
  };
}
