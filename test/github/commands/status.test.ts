import { describe, expect, it } from "vitest";
import { newRequest } from "../../../src/github/handlers/request.js";
import { renderState } from "../../../src/github/state/codec.js";
import { silentLogger } from "../../../src/logger.js";
import { InProcessQueue } from "../../../src/queue/memory.js";
import { CommandHarness, HEAD, ISSUE_COMMENT_ID, OWN, OWNER, PR, prComment, REPO } from "./harness.js";

describe("/elixir-agent status", () => {
  it("lists what runs and waits for this PR (not for others), the last check run, pause and ignored rules", async () => {
    let now = Date.parse("2025-03-01T10:00:00Z");
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // A real queue whose worker waits until the test lets it go: the jobs stay visible.
    const gh = new CommandHarness({
      queue: (_worker, onDropped) => new InProcessQueue({ concurrency: 2, worker: () => released, onDropped, log: silentLogger(), now: () => now }),
      commands: { now: () => now },
    });
    const repo = { owner: OWNER, name: REPO, cloneUrl: "https://github.com/Codertocat/Hello-World.git", defaultBranch: "master" };
    await gh.load();
    const queue = gh.agent.queue!;
    queue.enqueue(newRequest({ trigger: "command", repo, pr: { number: PR, headSha: HEAD }, mode: "full", requestedBy: "octocat" }));
    queue.enqueue(newRequest({ trigger: "pull_request", repo, pr: { number: 99, headSha: "b".repeat(40) } }));
    await new Promise((resolve) => setImmediate(resolve));
    queue.enqueue({ ...newRequest({ trigger: "command", repo, pr: { number: PR, headSha: HEAD }, mode: "step", requestedBy: "octocat" }), step: "dialyzer" });
    now += 125_000;

    const state = { version: 1 as const, paused: { by: "octocat", at: "2025-03-01T09:00:00.000Z" }, ignored: [{ rule: "otp/impl-true", by: "octocat", reason: "legacy", at: "2025-03-01T09:00:00.000Z" }] };
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().pull();
    gh.checkRunsOn(HEAD, [{ id: 1, status: "completed", conclusion: "failure", html_url: "https://github.com/x/runs/1", started_at: "2025-03-01T08:00:00Z", app: { id: 2 }, output: { title: "2 tests failed", summary: "…" } }]);
    gh.issueComments([{ id: 700, body: renderState(state), ...OWN }]).reply();
    await gh.send("issue_comment", prComment("/elixir-agent status"), "delivery-2");
    release();
    await queue.idle();

    const reply = gh.replies()[0]!;
    expect(reply).toContain(`**Status of #${PR}** — head \`${HEAD.slice(0, 7)}\``);
    expect(reply).toContain("🔄 running: full review of `ec26c3e` (command requested by octocat), for 2 min 5 s");
    expect(reply).toContain("⏳ queued: re-run of `dialyzer` of `ec26c3e` (command requested by octocat), for 2 min 5 s");
    expect(reply).not.toContain("bbbbbbb");
    expect(reply).toContain("- Last check run on this head: **failure** — 2 tests failed ([details](https://github.com/x/runs/1))");
    expect(reply).toContain("⏸️ paused by octocat since 2025-03-01 09:00 UTC");
    expect(reply).toContain("`otp/impl-true` (octocat: legacy)");
    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket"]);
  });

  it("with nothing going on it says so; anyone may ask", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().pull().checkRunsOn(HEAD, []).issueComments().reply();
    await gh.send("issue_comment", prComment("/elixir-agent status", (p) => (p.comment.user.login = "a-stranger")));

    const reply = gh.replies()[0]!;
    expect(reply).toContain("- Nothing is queued or running.");
    expect(reply).toContain("- No check run on this head yet.");
    expect(reply).toContain("- Automatic reviews: ▶️ on.");
    expect(reply).toContain("- Ignored rules: none.");
  });
});
