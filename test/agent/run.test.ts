import { afterEach, describe, expect, it } from "vitest";
import { runAgent } from "../../src/agent/run.js";
import { CircuitBreaker } from "../../src/agent/client/breaker.js";
import { llmAnswer } from "../fixtures/llm/index.js";
import type { Captured } from "./helpers.js";
import { agentConfig, agentInput, failingTestsToolchain, makeChange, mockMessages, testClient, textMessage, toolMessage, userText } from "./helpers.js";
import { IMPL_HYPOTHESIS, SHOP_BASE, SHOP_HEAD } from "./shop.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function shop(base: Record<string, string> = SHOP_BASE, head: Record<string, string> = SHOP_HEAD) {
  const c = makeChange(base, head);
  cleanup = c.cleanup;
  return c;
}

const reply = (body: unknown) => (): [number, unknown] => [200, body];

/** Shape every request must have: cached stable prefix, one side-effect-free tool, auto tool choice. */
function expectRequestShape(captured: Captured) {
  const first = captured.bodies[0]!;
  for (const body of captured.bodies) {
    const system = body.system as { type: string; text: string; cache_control?: unknown }[];
    expect(system).toHaveLength(2);
    expect(system[0]).not.toHaveProperty("cache_control");
    expect(system[1]!.cache_control).toEqual({ type: "ephemeral" });
    expect(body.system).toEqual(first.system); // byte-identical prefix: cacheable across calls
    expect(body.tools).toEqual(first.tools);
    expect((body.tools as { name: string }[]).map((t) => t.name)).toEqual(["submit_review"]);
    expect(body.tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true });
    expect(body).not.toHaveProperty("temperature");
    expect(JSON.stringify(body.system)).not.toMatch(/untrusted-[0-9a-f]{24}/);
  }
}

describe("runAgent", () => {
  it("skips with a plain reason when there is no API key, without any request", async () => {
    const c = shop();
    const mock = mockMessages([]);
    const report = await runAgent(agentInput(c, { settings: { model: "claude-sonnet-5-5" } }));
    expect(report).toMatchObject({ status: "skipped", calls: 0, checklist: [], findings: [], filesSeen: [] });
    expect(report.reason).toBe("no ANTHROPIC_API_KEY is configured for this app");
    expect(report.filesNotSeen).toEqual(c.diff.map((f) => f.path));
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
  });

  it("skips when switched off in the repository config", async () => {
    const report = await runAgent(agentInput(shop(), { config: agentConfig({ enabled: false }) }));
    expect(report.status).toBe("skipped");
    expect(report.reason).toMatch(/agent.enabled: false/);
  });

  it("reviews a change with a valid answer: checklist, placed comments, hypotheses, usage and cost", async () => {
    const c = shop();
    const mock = mockMessages([reply(toolMessage(llmAnswer("valid-review"), { input_tokens: 3000, output_tokens: 800, cache_creation_input_tokens: 5000 }))]);
    const { client } = testClient();
    const report = await runAgent(agentInput(c, { client, analyzerFindings: [IMPL_HYPOTHESIS], toolchain: failingTestsToolchain("Assertion with == failed\ncode: assert Shop.Cart.f1(1) == 3") }));

    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    expectRequestShape(mock.captured);
    const text = userText(mock.captured.bodies[0]!);
    expect(text).toContain("This request shows the whole reviewable change.");
    expect(text).toContain("\n 7 +     Process.sleep(5_000)\n");
    expect(text).toContain("\n24 +   def kind(params)");
    expect(text).toContain("H1: lib/shop/worker.ex:6 [otp/impl-true, minor]");
    expect(text).toContain('failed test: Shop.CartTest "test totals" at test/shop/cart_test.exs:7');
    expect(text).toContain("Assertion with == failed");
    expect(text).toContain("mix.lock: lockfile");
    // Elixir source in review order, the lockfile never shown.
    expect(text.indexOf("### lib/shop/cart.ex")).toBeLessThan(text.indexOf("### lib/shop/worker.ex"));
    expect(text).not.toContain("1.4.1");

    expect(report.status).toBe("ran");
    expect(report.model).toBe("claude-sonnet-5-5");
    expect(report.calls).toBe(1);
    expect(report.filesSeen).toEqual(["lib/shop/cart.ex", "lib/shop/worker.ex"]);
    expect(report.filesNotSeen).toEqual(["mix.lock"]);
    expect(report.notSeen).toEqual([{ path: "mix.lock", reason: "lockfile" }]);
    expect(report.checklist.map((c) => `${c.item}:${c.status}`)).toEqual([
      "otp-supervision:concern", "otp-behaviours:fail", "tests-pass:pass", "ecto-migrations:not_applicable", "security-atom-exhaustion:fail",
    ]);
    expect(report.findings.map((f) => `${f.severity} ${f.path}:${f.line} ${f.rule}`)).toEqual([
      "blocker lib/shop/cart.ex:24 agent/security-atom-exhaustion",
      "major lib/shop/worker.ex:7 agent/otp-behaviours",
      "minor lib/shop/worker.ex:11 agent/review",
    ]);
    expect(report.findings[1]).toMatchObject({ source: "agent", checklistItem: "otp-behaviours", suggestion: "    {:ok, opts, {:continue, :warm_up}}" });
    expect(report.hypotheses).toEqual([{ index: 0, verdict: "confirmed", reason: "init/1 and handle_info/2 in lib/shop/worker.ex have no `@impl` true." }]);
    expect(report.usage).toEqual({ input: 3000, output: 800, cacheRead: 0, cacheWrite: 5000 });
    // 3000 × $2 + 800 × $10 + 5000 × $2.50 per million tokens.
    expect(report.costUsd).toBe(0.0265);
  });

  it("asks once for a repair when the answer is invalid, sending the error back as the tool result", async () => {
    const c = shop();
    const mock = mockMessages([reply(toolMessage(llmAnswer("invalid-review"))), reply(toolMessage(llmAnswer("valid-review")))]);
    const { client } = testClient();
    const report = await runAgent(agentInput(c, { client }));
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    expect(report.status).toBe("ran");
    expect(report.calls).toBe(2);
    expect(report.usage.input).toBe(2000);
    expect(report.findings).toHaveLength(3);

    const repair = mock.captured.bodies[1]!;
    const messages = repair.messages as { role: string; content: Record<string, unknown>[] }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[0]).toEqual((mock.captured.bodies[0]!.messages as unknown[])[0]);
    // The first answer goes back unmodified, thinking block and signature included.
    expect(messages[1]!.content[0]).toEqual({ type: "thinking", thinking: "", signature: "sig-abc" });
    expect(messages[2]!.content[0]).toMatchObject({ type: "tool_result", tool_use_id: "toolu_1", is_error: true });
    expect(String(messages[2]!.content[0]!.content)).toMatch(/does not match the schema[\s\S]*checklist\[0\]\.status[\s\S]*Call submit_review again/);
    expect(repair.system).toEqual(mock.captured.bodies[0]!.system);
  });

  it("asks for a repair when the model answers in prose, and fails plainly when the repair is invalid too", async () => {
    const c = shop();
    const mock = mockMessages([reply(textMessage("Looks good to me!")), reply(toolMessage(llmAnswer("invalid-review")))]);
    const { client } = testClient();
    const report = await runAgent(agentInput(c, { client }));
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    const retry = mock.captured.bodies[1]!.messages as { content: { type: string; text?: string }[] }[];
    expect(retry[2]!.content).toEqual([{ type: "text", text: expect.stringMatching(/^You did not call submit_review\./) }]);
    expect(report).toMatchObject({ status: "failed", calls: 2, checklist: [], findings: [] });
    expect(report.reason).toBe("the model's answer was invalid twice");
    expect(report.usage.input).toBe(1900);
  });

  it("moves comments on lines outside the diff to the summary, and shrinks a range that leaves its hunk", async () => {
    const c = shop();
    const mock = mockMessages([reply(toolMessage(llmAnswer("outside-diff-review")))]);
    const { client } = testClient();
    const report = await runAgent(agentInput(c, { client }));
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    expect(report.findings).toEqual([
      { source: "agent", rule: "agent/review", severity: "minor", path: "lib/shop/worker.ex", line: 6, title: "init/1 should use handle_continue", message: "Move the slow start-up out of init/1." },
    ]);
    expect(report.summary).toContain("Notes on lines outside the diff:\n- `lib/shop/cart.ex:4` (info) f1/1 has no `@doc`");
    expect(report.summary).toContain("- `lib/shop/missing.ex:1` (major) A file that is not in the change");
  });

  it("splits an over-budget change into at most maxCalls chunks and merges the results", async () => {
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [
        `lib/app/mod_${String(i).padStart(2, "0")}.ex`,
        `defmodule App.Mod${i} do\n${Array.from({ length: 100 }, (_, j) => `  def f${j}(x), do: x + ${j} # ${i}`).join("\n")}\nend\n`,
      ]),
    );
    const c = shop({ "mix.exs": "x\n" }, files);
    const answerFor = (body: Record<string, unknown>): [number, unknown] => {
      const paths = [...userText(body).matchAll(/^### (\S+)/gm)].map((m) => m[1]!);
      return [
        200,
        toolMessage(
          {
            hypotheses: [],
            checklist: [{ item: "documentation", status: paths[0] === "lib/app/mod_00.ex" ? "concern" : "pass", evidence: `${paths[0]} has no @moduledoc` }],
            comments: [{ path: paths[0]!, line: 2, severity: "info", title: `note on ${paths[0]}`, body: "b" }],
            summary: `saw ${paths.join(", ")}`,
          },
          { input_tokens: 4000, cache_read_input_tokens: 5000 },
        ),
      ];
    };
    const mock = mockMessages([answerFor, answerFor, answerFor]);
    const { client } = testClient();
    const report = await runAgent(agentInput(c, { client, config: agentConfig({ inputTokenBudget: 12_000, maxCalls: 3 }) }));

    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    expectRequestShape(mock.captured);
    const shown = mock.captured.bodies.map((b) => [...userText(b).matchAll(/^### (\S+)/gm)].map((m) => m[1]!));
    expect(shown.every((paths) => paths.length > 0)).toBe(true);
    expect(new Set(shown.flat()).size).toBe(shown.flat().length); // no file in two chunks
    const nonces = mock.captured.bodies.map((b) => /<(untrusted-[0-9a-f]{24})>/.exec(userText(b))![1]);
    expect(new Set(nonces).size).toBe(3); // a fresh delimiter per request
    expect(userText(mock.captured.bodies[1]!)).toContain("This is part 2 of 3");

    expect(report.status).toBe("ran");
    expect(report.calls).toBe(3);
    expect(report.filesSeen).toEqual(shown.flat());
    expect(report.filesNotSeen.length).toBe(12 - shown.flat().length);
    expect(report.filesNotSeen.length).toBeGreaterThan(0);
    expect(report.notSeen!.every((n) => /over the review budget/.test(n.reason))).toBe(true);
    expect(report.usage).toEqual({ input: 12_000, output: 600, cacheRead: 15_000, cacheWrite: 0 });
    expect(report.checklist).toEqual([{ item: "documentation", status: "concern", evidence: "lib/app/mod_00.ex has no `@moduledoc`" }]);
    expect(report.findings.map((f) => f.path)).toEqual(shown.map((paths) => paths[0]));
    expect(report.summary).toMatch(/\*\*Part 1:\*\* saw lib\/app\/mod_00.ex[\s\S]*\*\*Part 3:\*\*/);
  });

  it("fails plainly in a 529 storm: bounded retries, then the circuit breaker stops further calls", async () => {
    const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`lib/m${i}.ex`, `defmodule M${i} do\n${"  def f(x), do: x\n".repeat(150)}end\n`]));
    const c = shop({ "mix.exs": "x\n" }, files);
    const storm = (): [number, unknown, Record<string, string>] => [529, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, { "retry-after": "2" }];
    const mock = mockMessages(Array.from({ length: 5 }, () => storm));
    const { client, sleeps } = testClient({ breaker: new CircuitBreaker(5, 60_000), maxAttempts: 3 });
    const report = await runAgent(agentInput(c, { client, config: agentConfig({ inputTokenBudget: 12_000, maxCalls: 4 }) }));

    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    expect(mock.captured.bodies).toHaveLength(5); // 3 attempts for part 1, 2 for part 2, then the breaker opened
    expect(sleeps).toEqual([2000, 2000, 2000]);
    expect(client.breaker.state).toBe("open");
    expect(report.status).toBe("failed");
    expect(report.reason).toBe(
      "the Anthropic API is overloaded (529); the Anthropic API failed repeatedly, calls paused for 60 s",
    );
    expect(report.findings).toEqual([]);
    expect(report.filesSeen).toEqual([]);
  });

  it("reports a timed-out call as a failure without retrying it", async () => {
    const c = shop();
    const mock = mockMessages([reply(toolMessage(llmAnswer("valid-review")))], { delayMs: 400 });
    const { client } = testClient({ timeoutMs: 50 });
    const report = await runAgent(agentInput(c, { client }));
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    expect(report.status).toBe("failed");
    expect(report.reason).toBe("the Anthropic API gave no answer within 50 ms");
    expect(report.calls).toBe(1);
  });

  it("marks a review partial when one of several chunks fails", async () => {
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`lib/m${i}.ex`, `defmodule M${i} do\n${"  def f(x), do: x\n".repeat(150)}end\n`]));
    const c = shop({ "mix.exs": "x\n" }, files);
    const good = reply(toolMessage({ hypotheses: [], checklist: [], comments: [], summary: "fine" }));
    const bad = (): [number, unknown] => [400, { type: "error", error: { type: "invalid_request_error", message: "prompt is too long" } }];
    const mock = mockMessages([good, bad]);
    const { client } = testClient();
    const report = await runAgent(agentInput(c, { client, config: agentConfig({ inputTokenBudget: 10_000, maxCalls: 2 }) }));
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    expect(report.status).toBe("partial");
    expect(report.reason).toMatch(/^Part of the AI review failed \(the Anthropic API rejected the request \(400 invalid_request_error\)\)/);
    const second = [...userText(mock.captured.bodies[1]!).matchAll(/^### (\S+)/gm)].map((m) => m[1]!);
    expect(report.filesNotSeen).toEqual(expect.arrayContaining(second));
    expect(report.notSeen).toEqual(expect.arrayContaining(second.map((path) => ({ path, reason: "the model call for its part failed" }))));
  });

  it("passes repository guidance for matching paths, switched-off items and the effort setting", async () => {
    const c = shop();
    const mock = mockMessages([reply(toolMessage(llmAnswer("valid-review")))]);
    const { client } = testClient();
    const config = agentConfig({
      disabledItems: ["otp-supervision"],
      effort: "medium",
      model: "claude-opus-5-5",
      instructions: [
        { path: "lib/shop/**", instructions: "Workers must be started by Shop.Supervisor." },
        { path: "priv/**", instructions: "Never shown." },
      ],
    });
    const report = await runAgent(agentInput(c, { client, config }));
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    const body = mock.captured.bodies[0]!;
    expect(body.model).toBe("claude-opus-5-5");
    expect(body.output_config).toEqual({ effort: "medium" });
    expect(body.max_tokens).toBe(8192);
    const text = userText(body);
    expect(text).toContain("Checklist items switched off in this repository (leave them out): otp-supervision.");
    expect(text).toMatch(/kind="repository-guidance">\nFor lib\/shop\/\*\*: Workers must be started by Shop.Supervisor\./);
    expect(text).not.toContain("Never shown.");
    expect(report.checklist.map((e) => e.item)).not.toContain("otp-supervision");
  });
});
