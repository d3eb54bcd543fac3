import type { StepId } from "../../config/schema.js";
import type { JobRequest } from "../../pipeline/types.js";
import { inlineCode } from "../../util/markdown.js";
import { CHECK_NAME } from "../check-run.js";
import { submit } from "../handlers/intake.js";
import { newRequest } from "../handlers/request.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import type { PullInfo } from "./pull.js";

/** Puts a review of the PR's current head on the queue; never waits for it. */
export function enqueueReview(ctx: CommandContext, pull: PullInfo, mode: JobRequest["mode"], step?: StepId): CommandOutcome {
  const { event, services } = ctx;
  const request = newRequest({
    trigger: "command",
    deliveryId: event.deliveryId,
    installationId: event.installationId,
    repo: event.repo,
    pr: pull.pr,
    mode,
    requestedBy: event.actor,
  });
  const job: JobRequest = step !== undefined ? { ...request, step } : request;
  const sha = inlineCode(pull.pr.headSha.slice(0, 7));
  const what = step !== undefined ? `A re-run of ${inlineCode(step)} on ${sha}` : `A full review of ${sha}`;
  const outcome = submit(services.intake, job, ctx.log);
  if (!outcome) return { ok: false, body: "The service is shutting down and takes no new work; try again in a minute." };
  if (outcome.status === "duplicate") return { ok: true, body: `${what} is already on its way (${outcome.reason}).` };
  if (outcome.status === "rejected") return { ok: false, body: `${what} could not be queued: ${outcome.reason}.` };
  const replaced = outcome.superseded.length > 0 ? " It replaces the review of an older commit that was still queued or running." : "";
  return { ok: true, body: `${what} is queued. Progress and the result appear on the **${CHECK_NAME}** check run.${replaced}` };
}

/** Commands that run the pipeline make no sense on a closed PR. */
export function closedReply(pull: PullInfo): CommandOutcome | undefined {
  return pull.open ? undefined : { ok: false, body: `#${pull.pr.number} is closed: there is nothing to review. Reopen it first.` };
}
