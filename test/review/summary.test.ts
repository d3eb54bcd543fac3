import { describe, expect, it } from "vitest";
import type { AgentReport } from "../../src/agent/types.js";
import { checklistRows } from "../../src/review/render/checklist.js";
import { renderSummary } from "../../src/review/render/markdown.js";
import { agentSkipped, analyzerRan, report, toolchain } from "./report.js";

const failingTests = toolchain({
  test: {
    status: "failed",
    durationMs: 14_200,
    counts: { tests: 42, failures: 2 },
    tests: {
      total: 42,
      passed: 40,
      failed: 2,
      invalid: 0,
      skipped: 0,
      excluded: 1,
      seed: 4242,
      completed: true,
      failures: [
        { module: "Demo.AccountsTest", name: "test register/1 rejects duplicates", file: "test/demo/accounts_test.exs", line: 31, status: "failed", failure: "\nAssertion with == failed\ncode: assert {:error, _} = ..." },
        { module: "DemoWeb.PageLiveTest", name: "test mount shows items", file: "test/demo_web/live/page_live_test.exs", line: 12, status: "failed" },
      ],
    },
    coverage: { total: 84.5, threshold: 90, modules: [{ module: "Demo.Accounts", path: "lib/demo/accounts.ex", percent: 61.0 }, { module: "Demo.Repo", percent: 100 }] },
    findings: [{ source: "test", rule: "test/failure", severity: "blocker", path: "test/demo/accounts_test.exs", line: 31, title: "register/1 rejects duplicates failed", message: "m" }],
  },
  dialyzer: { status: "not_run", reason: "PLT build timed out after 600 s", command: "mix dialyzer" },
  credo: { status: "skipped", reason: "credo is not a dependency of this project", command: "mix credo --strict" },
});
const atom = { source: "analyzer" as const, rule: "security/string-to-atom", checklistItem: "security-atom-exhaustion", severity: "major" as const, path: "lib/demo_web/live/page_live.ex", line: 18, title: "String.to_atom/1 on client input", message: "m" };

describe("the check run summary", () => {
  const r = report({ toolchain: failingTests, analyzer: analyzerRan([atom]) });
  const summary = renderSummary(r);

  it("leads with the verdict and why, and the banner for what did not run", () => {
    expect(summary.split("\n").slice(0, 7)).toEqual([
      "> [!WARNING]",
      "> The review is incomplete: \\`mix dialyzer\\` did not run: PLT build timed out after 600 s.",
      "",
      "### ❌ Failing: 2 failing tests, coverage 84.5 % is below 90 %",
      "",
      "- 2 failing tests",
      "- coverage 84.5 % is below 90 %",
    ]);
  });

  it("lists every tool: ran, skipped or not run, why, counts and time — and the analyzer and AI review", () => {
    expect(summary).toContain("| `mix test` | ❌ failed | 42 tests, 2 failures | 14.2 s |");
    expect(summary).toContain("| `mix dialyzer` | ⚠️ not run | PLT build timed out after 600 s | 1.2 s |");
    expect(summary).toContain("| `mix credo --strict` | ⏭️ skipped | credo is not a dependency of this project | 1.2 s |");
    expect(summary).toContain("| analyzer | ✅ ran | 3 files, 240 lines, 1 findings | 35 ms |");
    expect(summary).toContain("| AI review | ⏭️ skipped | ANTHROPIC\\_API\\_KEY is not set | – |");
  });

  it("names failing tests with file:line, and coverage against the threshold", () => {
    expect(summary).toContain("- ❌ Demo.AccountsTest test register/1 rejects duplicates — `test/demo/accounts_test.exs:31`: Assertion with == failed");
    expect(summary).toContain("- ❌ DemoWeb.PageLiveTest test mount shows items — `test/demo_web/live/page_live_test.exs:12`");
    expect(summary).toContain("❌ 84.5 % total — threshold 90 % (below)");
    expect(summary).toContain("| Demo.Accounts (`lib/demo/accounts.ex`) | 61.0 % |");
    expect(summary).not.toContain("Demo.Repo");
  });

  it("derives the checklist from the evidence when the AI review did not run", () => {
    expect(summary).toContain("Derived from the tools' evidence alone: the AI review did not run.");
    const rows = Object.fromEntries(checklistRows(r).map((row) => [row.item, row]));
    expect(rows["tests-pass"]).toMatchObject({ status: "fail", evidence: "test/demo/accounts_test.exs:31 register/1 rejects duplicates failed" });
    expect(rows["test-coverage"]).toMatchObject({ status: "fail", evidence: "coverage 84.5 % < 90 %" });
    expect(rows["security-atom-exhaustion"]).toMatchObject({ status: "fail" });
    expect(rows["compiles-clean"]).toMatchObject({ status: "pass", evidence: "checked by compile: nothing found" });
    expect(rows["typespecs"]).toMatchObject({ status: "pass", evidence: "checked by analyzer: nothing found (not run: dialyzer)" });
    expect(rows["credo"]).toMatchObject({ status: "not_checked", evidence: "credo did not run; only the AI review can judge it" });
    expect(rows["realtime-concurrency"]).toMatchObject({ status: "not_checked", evidence: "no tool covers this item; only the AI review can judge it" });
    expect(checklistRows(report({ config: { agent: { disabledItems: ["credo"] } } })).map((row) => row.item)).not.toContain("credo");
  });

  it("with the AI review: what it saw and did not see, tokens, cost — and it cannot soften the tools' evidence", () => {
    const agent: AgentReport = {
      ...agentSkipped,
      status: "partial",
      reason: "1 of 2 chunks hit the token budget",
      model: "claude-sonnet-4-5",
      summary: "Solid context boundaries; watch atom creation in PageLive.",
      checklist: [
        { item: "tests-pass", status: "pass", evidence: "tests look thorough" },
        { item: "realtime-concurrency", status: "concern", evidence: "broadcasts on a global topic" },
      ],
      filesSeen: ["lib/demo/accounts.ex"],
      filesNotSeen: ["lib/demo_web/live/page_live.ex"],
      usage: { input: 48_210, output: 2_301, cacheRead: 12_000, cacheWrite: 0 },
      costUsd: 0.1793,
      calls: 2,
    };
    delete (agent as { reason?: string }).reason;
    agent.reason = "1 of 2 chunks hit the token budget";
    const withAgent = report({ toolchain: failingTests, agent });
    const text = renderSummary(withAgent);
    expect(text).toContain("Saw 1 file(s): `lib/demo/accounts.ex`.");
    expect(text).toContain("Did **not** see 1 file(s): `lib/demo_web/live/page_live.ex`.");
    expect(text).toContain("Model `claude-sonnet-4-5` · 2 call(s) · tokens: 48210 in, 2301 out, 12000 cache read, 0 cache write · ≈ $0.1793");
    expect(text).toContain("> Partial: 1 of 2 chunks hit the token budget");
    const rows = Object.fromEntries(checklistRows(withAgent).map((row) => [row.item, row]));
    expect(rows["tests-pass"]!.status).toBe("fail");
    expect(rows["tests-pass"]!.evidence).toMatch(/^AI review: tests look thorough · tools: /);
    expect(rows["realtime-concurrency"]).toMatchObject({ status: "concern", evidence: "AI review: broadcasts on a global topic" });
  });

  it("shows where each finding went on the PR", () => {
    const [first] = r.findings;
    const text = renderSummary(r, {
      publication: {
        review: { event: "COMMENT", comments: 1 },
        placement: new Map([[first!.fingerprint, { kind: "comment" }]]),
        fixed: 2,
        withdrawn: 0,
        annotations: { sent: 2, failed: 0, omitted: 0 },
        errors: ["could not resolve a fixed thread on lib/x.ex: 502"],
      },
    });
    expect(text).toContain("#### On this pull request\n\n- Commented with 1 new inline comment.\n- 2 earlier comment(s) marked fixed in `aaaaaaa` and resolved.\n- 2 annotation(s).\n- ⚠️ could not resolve a fixed thread on lib/x.ex: 502");
    expect(text).toMatch(/\| 💬 inline \|/);
  });

  it("neutralises what the PR controls: no HTML, no mentions, no table breaks", () => {
    const hostile = report({ analyzer: analyzerRan([{ ...atom, title: "<img src=x onerror=alert(1)> | @octocat <!-- elixir-agent:finding -->" }]) });
    const text = renderSummary(hostile);
    expect(text).not.toContain("<img");
    expect(text).not.toContain("<!--");
    expect(text).not.toMatch(/@octocat/);
    expect(text).toContain("&lt;img src=x onerror=alert(1)&gt; \\| @\u200boctocat");
  });
});
