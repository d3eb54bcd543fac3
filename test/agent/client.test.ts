import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "../../src/agent/client/breaker.js";
import { backoffMs, retryAfterMs } from "../../src/agent/client/retry.js";
import { API_KEY, mockMessages, testClient, textMessage } from "./helpers.js";

const request = { model: "claude-sonnet-5-5", max_tokens: 64, messages: [{ role: "user" as const, content: "hi" }] };
const overloaded = (headers: Record<string, string> = {}) => (): [number, unknown, Record<string, string>] => [
  529,
  { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
  headers,
];
const ok = (): [number, unknown] => [200, textMessage("hello")];

describe("ClaudeClient", () => {
  it("sends one request with the key, no SDK retries, and returns usage", async () => {
    const mock = mockMessages([ok]);
    const { client } = testClient();
    const result = await client.createMessage(request);
    expect(result.ok && result.usage).toEqual({ input: 900, output: 40, cacheRead: 0, cacheWrite: 0 });
    expect(result.attempts).toBe(1);
    // This SDK version sends the key as a bearer token.
    expect(mock.captured.headers[0]!.authorization).toBe(`Bearer ${API_KEY}`);
    expect(mock.captured.headers[0]!["x-stainless-retry-count"]).toBe("0");
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });

  it("retries 529 and 5xx with backoff, honouring retry-after / retry-after-ms", async () => {
    const mock = mockMessages([overloaded({ "retry-after": "3" }), () => [503, { type: "error", error: { type: "api_error", message: "x" } }, { "retry-after-ms": "250" }], ok]);
    const { client, sleeps } = testClient();
    const result = await client.createMessage(request);
    expect(result.ok).toBe(true);
    expect(result.attempts).toBe(3);
    expect(sleeps).toEqual([3000, 250]);
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });

  it("backs off exponentially with jitter when the server gives no retry-after", async () => {
    const mock = mockMessages([() => [429, { type: "error", error: { type: "rate_limit_error", message: "slow down" } }], ok]);
    const { client, sleeps } = testClient({ backoffBaseMs: 1000 });
    expect((await client.createMessage(request)).ok).toBe(true);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(1000);
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });

  it("does not retry a 400 and says what went wrong without request content", async () => {
    const mock = mockMessages([() => [400, { type: "error", error: { type: "invalid_request_error", message: "tool_choice forced is not supported" } }]]);
    const { client, sleeps } = testClient();
    const result = await client.createMessage(request);
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { kind: "bad_request", status: 400 } });
    expect(!result.ok && result.error.message).toBe("the Anthropic API rejected the request (400 invalid_request_error)");
    expect(sleeps).toEqual([]);
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });

  it("classifies an unknown model (404) and a refused key (401) without retrying", async () => {
    const mock = mockMessages([
      () => [404, { type: "error", error: { type: "not_found_error", message: "model: claude-nope" } }],
      () => [401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } }],
    ]);
    const { client, sleeps } = testClient();
    expect(await client.createMessage(request)).toMatchObject({ ok: false, attempts: 1, error: { kind: "not_found", status: 404 } });
    expect(await client.createMessage(request)).toMatchObject({ ok: false, attempts: 1, error: { kind: "auth", status: 401 } });
    expect(sleeps).toEqual([]);
    expect(client.breaker.state).toBe("closed"); // our mistakes are not the service's health
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });

  it("gives up when retry-after is longer than it is willing to wait", async () => {
    const mock = mockMessages([overloaded({ "retry-after": "600" })]);
    const { client, sleeps } = testClient();
    const result = await client.createMessage(request);
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { kind: "overloaded", retryAfterMs: 600_000 } });
    expect(sleeps).toEqual([]);
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });

  it("times out an attempt after the per-call timeout and does not retry it", async () => {
    // A tiny timeout against a slow reply: no real 120 s wait.
    const mock = mockMessages([ok], { delayMs: 400 });
    const { client } = testClient({ timeoutMs: 40 });
    const result = await client.createMessage(request);
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { kind: "timeout", message: "the Anthropic API gave no answer within 40 ms" } });
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });

  it("caps the per-call timeout at 120 s", async () => {
    const { MAX_CALL_TIMEOUT_MS } = await import("../../src/agent/client/claude-client.js");
    expect(MAX_CALL_TIMEOUT_MS).toBe(120_000);
    const { client } = testClient({ timeoutMs: 10 * 60_000 });
    expect((client as unknown as { timeoutMs: number }).timeoutMs).toBe(120_000);
  });

  it("opens the circuit after repeated failures and stops sending requests", async () => {
    const mock = mockMessages(Array.from({ length: 4 }, () => overloaded({ "retry-after": "0" })));
    const breaker = new CircuitBreaker(4, 60_000);
    const { client } = testClient({ breaker, maxAttempts: 3 });
    const first = await client.createMessage(request);
    expect(first).toMatchObject({ ok: false, attempts: 3, error: { kind: "overloaded" } });
    const second = await client.createMessage(request);
    expect(second).toMatchObject({ ok: false, attempts: 1, error: { kind: "circuit_open" } });
    expect(!second.ok && second.error.message).toMatch(/calls paused for 60 s/);
    expect(breaker.state).toBe("open");
    const third = await client.createMessage(request);
    expect(third).toMatchObject({ ok: false, attempts: 0, error: { kind: "circuit_open" } });
    expect(mock.captured.bodies).toHaveLength(4);
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });

  it("returns `aborted` when the caller's signal fires during backoff", async () => {
    const mock = mockMessages([overloaded({ "retry-after": "1" })]);
    const controller = new AbortController();
    const { client } = testClient({
      sleep: (_ms, signal) => {
        controller.abort();
        return Promise.reject(signal?.reason);
      },
    });
    const result = await client.createMessage(request, controller.signal);
    expect(result).toMatchObject({ ok: false, error: { kind: "aborted" } });
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });
});

describe("CircuitBreaker", () => {
  it("closes, opens after the threshold, lets one trial through after the cooldown", () => {
    let now = 0;
    const breaker = new CircuitBreaker(2, 1000, () => now);
    expect(breaker.tryPass()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe("closed");
    breaker.failure();
    expect(breaker.state).toBe("open");
    expect(breaker.tryPass()).toBe(false);
    now = 1000;
    expect(breaker.state).toBe("half-open");
    expect(breaker.tryPass()).toBe(true);
    expect(breaker.tryPass()).toBe(false); // one trial at a time
    breaker.failure();
    expect(breaker.state).toBe("open");
    now = 2000;
    expect(breaker.tryPass()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe("closed");
  });
});

describe("retry helpers", () => {
  it("reads retry-after-ms, retry-after seconds and HTTP dates", () => {
    expect(retryAfterMs(new Headers({ "retry-after-ms": "1500.5" }))).toBe(1500.5);
    expect(retryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 1970 00:00:05 GMT" }), 1000)).toBe(4000);
    expect(retryAfterMs(new Headers({}))).toBeUndefined();
  });

  it("caps exponential backoff", () => {
    expect(backoffMs(1, 100, 1000, () => 1)).toBe(100);
    expect(backoffMs(3, 100, 1000, () => 1)).toBe(400);
    expect(backoffMs(10, 100, 1000, () => 0)).toBe(500);
  });
});
