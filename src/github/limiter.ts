import type { Logger } from "../logger.js";
import { headersOf, statusOf } from "./octokit.js";

export interface WriteLimiterOptions {
  /** Minimum time between two writes of one installation (GitHub asks for ≥ 1 s). */
  minIntervalMs?: number;
  /** Longest rate-limit wait we accept before giving up on the write. */
  maxWaitMs?: number;
  /** How often one write is retried after a rate limit. */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  log?: Logger;
}

export class RateLimitExceeded extends Error {
  constructor(readonly waitMs: number) {
    super(`GitHub rate limit: retry in ${Math.ceil(waitMs / 1000)} s, longer than we wait`);
    this.name = "RateLimitExceeded";
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Serialises the writes of one installation: one at a time, `minIntervalMs` apart. A primary or
 * secondary rate limit (403/429 with `retry-after`, or `x-ratelimit-remaining: 0`) pauses every
 * write of the installation for the time GitHub asks, then retries the same write: nothing is sent
 * before the wait is over.
 */
export class WriteLimiter {
  private tail: Promise<unknown> = Promise.resolve();
  private nextAt = 0;

  constructor(private readonly options: WriteLimiterOptions = {}) {}

  schedule<T>(write: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.attempt(write, 0));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async attempt<T>(write: () => Promise<T>, retry: number): Promise<T> {
    const wait = this.nextAt - this.now();
    if (wait > 0) {
      await this.sleep(wait);
      this.nextAt = this.now(); // waited what was asked: the next write measures from here
    }
    try {
      return await write();
    } catch (error) {
      const pause = rateLimitWait(error, this.now());
      if (pause === undefined || retry >= (this.options.maxRetries ?? 3)) throw error;
      if (pause > (this.options.maxWaitMs ?? 15 * 60_000)) throw new RateLimitExceeded(pause);
      this.options.log?.warn({ waitMs: pause, retry: retry + 1 }, "GitHub rate limit: pausing writes");
      this.nextAt = this.now() + pause;
      return await this.attempt(write, retry + 1);
    } finally {
      this.nextAt = Math.max(this.nextAt, this.now() + (this.options.minIntervalMs ?? 1000));
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private sleep(ms: number): Promise<void> {
    return (this.options.sleep ?? defaultSleep)(ms);
  }
}

/**
 * How long GitHub asks us to wait, or undefined when the error is not a rate limit. Secondary
 * limits without `retry-after` mean "wait at least a minute" (GitHub's docs).
 */
export function rateLimitWait(error: unknown, now: number): number | undefined {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return undefined;
  const headers = headersOf(error);
  const retryAfter = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter) * 1000;
  if (headers["x-ratelimit-remaining"] === "0" && headers["x-ratelimit-reset"] !== undefined) {
    return Math.max(0, Number(headers["x-ratelimit-reset"]) * 1000 - now) + 1000;
  }
  const message = error instanceof Error ? error.message : "";
  if (status === 429 || /secondary rate limit|abuse detection/i.test(message)) return 60_000;
  return undefined;
}

/** One limiter per installation, shared by every job of the app. */
export class WriteLimiters {
  private readonly byInstallation = new Map<number, WriteLimiter>();

  constructor(private readonly options: WriteLimiterOptions = {}) {}

  for(installationId: number): WriteLimiter {
    let limiter = this.byInstallation.get(installationId);
    if (!limiter) {
      limiter = new WriteLimiter(this.options);
      this.byInstallation.set(installationId, limiter);
    }
    return limiter;
  }
}
