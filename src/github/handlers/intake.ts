import type { Logger } from "../../logger.js";
import type { JobRequest } from "../../pipeline/types.js";
import type { EnqueueOutcome, JobQueue } from "../../queue/types.js";

/** What every handler shares: the queue, who "we" are, and whether intake is open. */
export interface Intake {
  queue: JobQueue;
  appId: number | undefined;
  /** The app's slug (its bot user is `<slug>[bot]`), when known. */
  appSlug: string | undefined;
  accepting(): boolean;
  log: Logger;
}

/** Enqueues and logs; never waits for the work. */
export function submit(intake: Intake, request: JobRequest, log: Logger): EnqueueOutcome | undefined {
  if (!intake.accepting()) {
    log.warn({ job: request.id }, "shutting down: event not accepted");
    return undefined;
  }
  const outcome = intake.queue.enqueue(request);
  log.info({ job: request.id, trigger: request.trigger, headSha: request.pr.headSha, outcome: outcome.status }, "enqueue");
  return outcome;
}

/** An event the app itself caused (its own check runs, comments …). */
export function isOwnApp(intake: Intake, app: { id?: number | null } | null | undefined): boolean {
  return intake.appId !== undefined && app?.id === intake.appId;
}
