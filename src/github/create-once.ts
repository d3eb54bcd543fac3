import type { Logger } from "../logger.js";
import { isAmbiguous } from "./octokit.js";

export interface CreateOnceOptions<T> {
  /** The POST (sent with Octokit's own retry disabled). */
  create: () => Promise<T>;
  /** Looks for what an earlier attempt may have created (our hidden marker, the job's external id). */
  find: () => Promise<T | undefined>;
  attempts?: number;
  what: string;
  log: Logger;
}

/**
 * A POST that is retried without ever creating a second object: after a failure that leaves it
 * unknown whether GitHub applied the write (5xx, lost connection), look for the object before
 * sending again. Definite failures (4xx) are thrown at once.
 */
export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<T> {
  const attempts = options.attempts ?? 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const found = await options.find();
      if (found !== undefined) {
        options.log.info({ what: options.what, attempt }, "an earlier attempt was applied: not sending again");
        return found;
      }
    }
    try {
      return await options.create();
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      lastError = error;
      options.log.warn({ err: error, what: options.what, attempt }, "write failed ambiguously");
    }
  }
  const found = await options.find();
  if (found !== undefined) return found;
  throw lastError;
}
