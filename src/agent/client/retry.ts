import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";

export type CallErrorKind =
  | "overloaded"
  | "rate_limited"
  | "server"
  | "timeout"
  | "connection"
  | "auth"
  | "bad_request"
  | "not_found"
  | "aborted"
  | "circuit_open"
  | "other";

export interface CallError {
  kind: CallErrorKind;
  /** Plain words, safe to show to users (no request content, no key). */
  message: string;
  status?: number;
  requestId?: string;
  /** Server-requested wait before the next attempt. */
  retryAfterMs?: number;
}

/** Which failures are worth another attempt. Timeouts are not: a second 120 s wait rarely helps. */
export function isRetryable(error: CallError): boolean {
  return error.kind === "overloaded" || error.kind === "rate_limited" || error.kind === "server" || error.kind === "connection";
}

/** Failures that say the service is unhealthy (they count for the circuit breaker). */
export function isServiceFailure(error: CallError): boolean {
  return isRetryable(error) || error.kind === "timeout";
}

export function classify(error: unknown, timeoutMs: number): CallError {
  if (error instanceof APIUserAbortError) return { kind: "aborted", message: "the review was cancelled" };
  if (error instanceof APIConnectionTimeoutError) {
    const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
    return { kind: "timeout", message: `the Anthropic API gave no answer within ${limit}` };
  }
  if (error instanceof APIConnectionError) return { kind: "connection", message: "could not connect to the Anthropic API" };
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    const base = {
      status,
      ...(error.requestID ? { requestId: error.requestID } : {}),
      ...optional("retryAfterMs", retryAfterMs(error.headers)),
    };
    if (status === 529 || error.type === "overloaded_error") return { kind: "overloaded", message: "the Anthropic API is overloaded (529)", ...base };
    if (status === 429) return { kind: "rate_limited", message: "rate limited by the Anthropic API (429)", ...base };
    if (status === 401 || status === 403) return { kind: "auth", message: `the Anthropic API refused the key (${status})`, ...base };
    if (status === 404) return { kind: "not_found", message: "the Anthropic API does not know this model or endpoint (404)", ...base };
    if (status === 408 || status === 409 || status >= 500) return { kind: "server", message: `Anthropic API error ${status}`, ...base };
    return { kind: "bad_request", message: `the Anthropic API rejected the request (${status}${error.type ? ` ${error.type}` : ""})`, ...base };
  }
  if (error instanceof Error && error.name === "AbortError") return { kind: "aborted", message: "the review was cancelled" };
  return { kind: "other", message: error instanceof Error ? error.message : String(error) };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `retry-after-ms` (Anthropic), else `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: base·2^(attempt-1), capped, scaled by 0.5–1. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** Resolves after `ms`, or rejects when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
