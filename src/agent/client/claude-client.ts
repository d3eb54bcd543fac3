import Anthropic from "@anthropic-ai/sdk";
import type { Message, MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages/messages";
import type { Logger } from "../../logger.js";
import { silentLogger } from "../../logger.js";
import type { TokenUsage } from "../types.js";
import { CircuitBreaker } from "./breaker.js";
import type { CallError } from "./retry.js";
import { backoffMs, classify, isRetryable, isServiceFailure, sleep as defaultSleep } from "./retry.js";
import { fromApiUsage } from "./usage.js";

/** The ceiling for one call. */
export const MAX_CALL_TIMEOUT_MS = 120_000;

export interface ClaudeClientOptions {
  apiKey: string;
  baseUrl?: string;
  /** Per-attempt timeout, capped at 120 s. */
  timeoutMs?: number;
  /** Attempts per call, the first included (default 3). */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A `retry-after` longer than this ends the retries instead of waiting (default 60 s). */
  maxRetryAfterMs?: number;
  breaker?: CircuitBreaker;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  log?: Logger;
}

export type CallResult =
  | { ok: true; message: Message; usage: TokenUsage; attempts: number }
  | { ok: false; error: CallError; attempts: number };

/**
 * One Messages API call with our own resilience around the SDK (whose retries are switched off so
 * nothing retries behind our back): a per-attempt timeout, retries with jittered exponential
 * backoff on 429/5xx/529 and connection errors honouring `retry-after`, and a circuit breaker.
 * It never throws for API trouble: failures come back as data.
 */
export class ClaudeClient {
  readonly breaker: CircuitBreaker;
  private readonly sdk: Anthropic;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly log: Logger;

  constructor(options: ClaudeClientOptions) {
    this.timeoutMs = Math.min(options.timeoutMs ?? MAX_CALL_TIMEOUT_MS, MAX_CALL_TIMEOUT_MS);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.backoffBaseMs = options.backoffBaseMs ?? 2_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.breaker = options.breaker ?? new CircuitBreaker();
    this.sleep = options.sleep ?? defaultSleep;
    this.log = options.log ?? silentLogger();
    this.sdk = new Anthropic({
      apiKey: options.apiKey,
      authToken: null,
      baseURL: options.baseUrl ?? null,
      maxRetries: 0,
      timeout: this.timeoutMs,
      // The SDK's debug log would print prompts; ours logs only counts.
      logLevel: "off",
    });
  }

  /** `log` (e.g. the job's child logger) overrides the client's logger for this call's warnings. */
  async createMessage(params: MessageCreateParamsNonStreaming, signal?: AbortSignal, log: Logger = this.log): Promise<CallResult> {
    let last: CallError | undefined;
    let attempts = 0;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      if (signal?.aborted) return { ok: false, error: { kind: "aborted", message: "the review was cancelled" }, attempts };
      if (!this.breaker.tryPass()) {
        const seconds = Math.ceil(this.breaker.retryInMs() / 1000);
        const reason = last ? `${last.message}; ` : "";
        return {
          ok: false,
          error: { kind: "circuit_open", message: `${reason}the Anthropic API failed repeatedly, calls paused for ${seconds} s` },
          attempts,
        };
      }
      attempts = attempt;
      try {
        const message = await this.sdk.messages.create(params, { signal: signal ?? null, timeout: this.timeoutMs, maxRetries: 0 });
        this.breaker.success();
        return { ok: true, message, usage: fromApiUsage(message.usage), attempts };
      } catch (error) {
        last = classify(error, this.timeoutMs);
        if (isServiceFailure(last)) this.breaker.failure();
        else this.breaker.release();
        const delay = this.nextDelay(last, attempt);
        log.warn(
          { kind: last.kind, status: last.status, requestId: last.requestId, attempt, retryInMs: delay },
          "Anthropic API call failed",
        );
        if (delay === undefined) break;
        // No point waiting for an attempt the breaker will refuse.
        if (this.breaker.state === "open") continue;
        try {
          await this.sleep(delay, signal);
        } catch {
          return { ok: false, error: { kind: "aborted", message: "the review was cancelled" }, attempts };
        }
      }
    }
    return { ok: false, error: last ?? { kind: "other", message: "no attempt was made" }, attempts };
  }

  /** Milliseconds before the next attempt, or undefined when this failure is final. */
  private nextDelay(error: CallError, attempt: number): number | undefined {
    if (!isRetryable(error) || attempt >= this.maxAttempts) return undefined;
    if (error.retryAfterMs !== undefined) return error.retryAfterMs <= this.maxRetryAfterMs ? error.retryAfterMs : undefined;
    return backoffMs(attempt, this.backoffBaseMs, this.backoffMaxMs);
  }
}
