import { describe, expect, it } from "vitest";
import type { AgentReport } from "../../../src/agent/types.js";
import { defaultConfig } from "../../../src/config/schema.js";
import { silentLogger } from "../../../src/logger.js";
import type { ReviewReport } from "../../../src/pipeline/types.js";
import { InProcessQueue } from "../../../src/queue/memory.js";
import { renderSummary } from "../../../src/review/render/markdown.js";
import { CommandHarness, HEAD, ISSUE_COMMENT_ID, prComment } from "./harness.js";

/** A check run summary as the publisher renders it (the real renderer), for a given AI review. */
function summaryWith(agent: Partial<AgentReport>): string {
  const report: ReviewReport = {
    schemaVersion: 1,
    repo: { owner: "Codertocat", name: "Hello-World" },
    headSha: HEAD,
    baseSha: "f".repeat(40),
    mergeBase: "f".repeat(40),
    config: defaultConfig(),
    configSource: "default",
    project: { mix: true, umbrella: false, apps: [], deps: { phoenix: false, phoenixLiveView: false, absinthe: false, ecto: false, ectoSql: false, postgrex: false, credo: false, dialyxir: false, excoveralls: false } },
    files: [],
    toolchain: { ran: false, reason: "not configured", sandbox: null, steps: [] },
    analyzer: { ran: true, findings: [], filesAnalyzed: 1, linesAnalyzed: 10, skipped: [], durationMs: 1 },
    agent: { status: "ran", checklist: [], findings: [], filesSeen: [], filesNotSeen: [], usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, calls: 1, ...agent },
    findings: [],
    ignoredRules: [],
    gate: { conclusion: "success", title: "All configured checks passed", reasons: [] },
    stages: [],
    durationMs: 1000,
  };
  return renderSummary(report);
}

const run = (summary: string, status = "completed") => ({
  id: 5,
  status,
  conclusion: status === "completed" ? "success" : null,
  html_url: "https://github.com/Codertocat/Hello-World/runs/5",
  started_at: "2025-03-01T10:00:00Z",
  app: { id: 2 },
  output: { title: "All configured checks passed", summary },
});

describe("/elixir-agent checklist", () => {
  it("shows the checklist evaluation from the last review of the current head", async () => {
    const summary = summaryWith({
      checklist: [
        { item: "otp-behaviours", status: "concern", evidence: "handle_info/2 has no catch-all clause" },
        { item: "tests-pass", status: "pass", evidence: "12 tests, 0 failures" },
      ],
    });
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write").pull().checkRunsOn(HEAD, [run(summary)]).reply();
    await gh.send("issue_comment", prComment("/elixir-agent checklist"));

    const reply = gh.replies()[0]!;
    expect(reply).toContain("**Expert checklist for `ec26c3e`** ([check run](https://github.com/Codertocat/Hello-World/runs/5))");
    expect(reply).toContain("Evaluated by the AI review and the tools' evidence.");
    expect(reply).toContain("| `otp-behaviours` GenServers and other OTP behaviours implemented correctly | 🟡 concern | AI review: handle\\_info/2 has no catch-all clause");
    expect(reply).toContain("| `tests-pass` Tests pass | ✅ pass | AI review: 12 tests, 0 failures |");
    expect(reply).not.toContain("#### AI review");
    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket"]);
  });

  it("without the AI review, the checklist from the tools' evidence alone says so", async () => {
    const summary = summaryWith({ status: "skipped", reason: "no ANTHROPIC_API_KEY is configured" });
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write").pull().checkRunsOn(HEAD, [run(summary)]).reply();
    await gh.send("issue_comment", prComment("/elixir-agent checklist"));

    expect(gh.replies()[0]).toContain("Derived from the tools' evidence alone: the AI review did not run.");
    expect(gh.replies()[0]).toContain("| `otp-supervision` Supervision trees properly designed | ✅ pass | checked by analyzer: nothing found |");
  });

  it("when the head's check run holds no review (paused, draft, invalid config), says how it ended", async () => {
    const paused = { ...run("octocat paused automatic reviews with `/elixir-agent pause`."), conclusion: "skipped", output: { title: "Automatic reviews paused on this pull request", summary: "octocat paused automatic reviews." } };
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write").pull().checkRunsOn(HEAD, [paused]).reply();
    await gh.send("issue_comment", prComment("/elixir-agent checklist"));

    expect(gh.replies()[0]).toContain("has no checklist evaluation: it ended as skipped — Automatic reviews paused on this pull request. `/elixir-agent review` reviews this head now.");
    expect(gh.reactionsPosted()).toEqual(["eyes", "confused"]);
  });

  it("a review in progress: ask again later, nothing new is queued", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write").pull().checkRunsOn(HEAD, [run("Review in progress", "in_progress")]).reply();
    await gh.send("issue_comment", prComment("/elixir-agent checklist"));
    expect(gh.replies()[0]).toContain("A review of `ec26c3e` is in progress");
    expect(gh.agent.queue!.snapshot()).toEqual([]);
  });

  it("no review of the head yet: a full review is queued", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const gh = new CommandHarness({ queue: (_w, onDropped) => new InProcessQueue({ concurrency: 1, worker: () => released, onDropped, log: silentLogger() }) });
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write").pull().checkRunsOn(HEAD, []).reply();
    await gh.send("issue_comment", prComment("/elixir-agent checklist"));

    expect(gh.replies()[0]).toContain("No review of `ec26c3e` exists yet. A full review of `ec26c3e` is queued.");
    expect(gh.agent.queue!.snapshot().map((s) => [s.request.mode, s.request.trigger, s.request.pr.headSha])).toEqual([["full", "command", HEAD]]);
    release();
    await gh.agent.queue!.idle();
  });
});
