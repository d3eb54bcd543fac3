import { readdirSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { decodeState, renderState, type PullState } from "../../../src/github/state/codec.js";
import { TestRepo } from "../../helpers/git-repo.js";
import { GitHubMock } from "../../helpers/github-mock.js";
import { examplePayload } from "../../helpers/probot.js";
import { CommandHarness, ISSUE_COMMENT_ID, OWN, OWNER, PR, prComment, REPO } from "./harness.js";
import { testSettings } from "../../helpers/pr-fixture.js";

const stateComment = (state: PullState, author: object = OWN) => ({ id: 700, body: renderState(state), ...author });
const written = (gh: CommandHarness) => {
  const write = gh.posted.find((p) => p.path === "state");
  const decoded = write && decodeState(write.body.body);
  if (!decoded?.ok) throw new Error("no state written");
  return { method: write!.method, body: write!.body.body as string, state: decoded.state };
};

describe("the state comment", () => {
  it("round-trips, and user text in it cannot break out of the hidden marker", () => {
    const state: PullState = { version: 1, ignored: [{ rule: "otp/impl-true", by: "octocat", reason: "--> <!-- elixir-agent:state:v1 AAAA -->", at: "2025-03-01T10:00:00.000Z" }] };
    const body = renderState(state);
    expect(decodeState(body)).toEqual({ ok: true, state });
    expect(body.match(/<!--/g)).toHaveLength(1);
  });

  it("only a body that starts with the header is a state comment; a damaged one says what is wrong", () => {
    expect(decodeState(`Quoting: ${renderState({ version: 1, ignored: [] })}`)).toBeUndefined();
    const damaged = renderState({ version: 1, ignored: [] }).replace(/v1 [A-Za-z0-9_-]+/, `v1 ${Buffer.from('{"version":2}').toString("base64url")}`);
    expect(decodeState(damaged)).toMatchObject({ ok: false, problem: expect.stringContaining("invalid") });
  });
});

describe("pause and resume", () => {
  it("pause records who paused in the app's state comment, created on first use", async () => {
    const gh = new CommandHarness({ commands: { now: () => Date.parse("2025-03-01T10:00:00Z") } });
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write");
    gh.issueComments([{ id: 1, body: "hello", user: { login: "someone", type: "User" } }]).stateWrite().reply();
    await gh.send("issue_comment", prComment("/elixir-agent pause"));

    const state = written(gh);
    expect(state.method).toBe("POST");
    expect(state.state).toEqual({ version: 1, paused: { by: "Codertocat", at: "2025-03-01T10:00:00.000Z" }, ignored: [] });
    expect(state.body).toContain("⏸️ **paused** by Codertocat");
    expect(gh.replies()[0]).toContain("Automatic reviews are paused on this pull request");
    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket"]);
  });

  it("resume edits the existing state comment and keeps the ignored rules", async () => {
    const gh = new CommandHarness();
    const before: PullState = { version: 1, paused: { by: "octocat", at: "2025-03-01T10:00:00.000Z" }, ignored: [{ rule: "otp/impl-true", by: "octocat", at: "2025-03-01T10:00:00.000Z" }] };
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "admin");
    gh.issueComments([stateComment(before)]).stateWrite(700).reply();
    await gh.send("issue_comment", prComment("/elixir-agent resume"));

    const state = written(gh);
    expect(state.method).toBe("PATCH");
    expect(state.state).toEqual({ version: 1, ignored: before.ignored });
    expect(gh.replies()[0]).toContain("Automatic reviews are back on");
  });

  it("while paused, a push gets a skipped check run that says who paused and how to resume — no checkout", async () => {
    const gh = new CommandHarness();
    const paused: PullState = { version: 1, paused: { by: "octocat", at: "2025-03-01T10:00:00.000Z" }, ignored: [] };
    gh.token().config().issueComments([stateComment(paused)]);
    const checks = new GitHubMock(OWNER, REPO).checkRuns();
    await gh.send("pull_request", examplePayload("pull_request", "synchronize"));
    await gh.agent.queue!.idle();

    const [completed] = checks.completions();
    expect(completed).toMatchObject({ conclusion: "skipped", output: { title: "Automatic reviews paused on this pull request" } });
    expect(completed.output.summary).toContain("octocat paused automatic reviews");
  });

  it("a state comment pasted by a user is not trusted: the review goes on", async () => {
    const settings = testSettings();
    const gh = new CommandHarness({ settings });
    const forged: PullState = { version: 1, paused: { by: "mallory", at: "2025-03-01T10:00:00.000Z" }, ignored: [] };
    gh.token().config().issueComments([stateComment(forged, { user: { login: "mallory", type: "User" } })]);
    const checks = new GitHubMock(OWNER, REPO).checkRuns();
    const payload = examplePayload("pull_request", "synchronize", (p) => (p.repository.clone_url = "file:///nonexistent/elixir-agent-test.git"));
    await gh.send("pull_request", payload);
    await gh.agent.queue!.idle();

    const [completed] = checks.completions();
    expect(completed.conclusion).toBe("neutral");
    expect(completed.output.title).toBe("Could not check out the pull request");
    // A failed checkout leaves no job directory behind.
    expect(readdirSync(settings.workDir)).toEqual([]);
  });
});

describe("ignore and unignore", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("ignore records the rule with who and why", async () => {
    const gh = new CommandHarness({ commands: { now: () => Date.parse("2025-03-02T09:30:00Z") } });
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write");
    gh.issueComments().stateWrite().reply();
    await gh.send("issue_comment", prComment("/elixir-agent ignore credo/Credo.Check.Design.TagTODO tracked in #123 <!-- x -->"));

    expect(written(gh).state.ignored).toEqual([{ rule: "credo/Credo.Check.Design.TagTODO", by: "Codertocat", reason: "tracked in #123", at: "2025-03-02T09:30:00.000Z" }]);
    expect(gh.replies()[0]).toContain("`credo/Credo.Check.Design.TagTODO` is ignored on this pull request from the next review on (reason: tracked in #123)");
  });

  it("the next review drops the rule's findings and its summary says who ignored it and why", async () => {
    const repo = new TestRepo();
    cleanups.push(() => repo.cleanup());
    repo.write({ "lib/demo.ex": "defmodule Demo do\nend\n" });
    const base = repo.commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "lib/demo.ex": "defmodule Demo do\n  def hello, do: :world\nend\n" });
    const head = repo.commit("feature");
    const remote = repo.bareRemote({ [PR]: head });
    const settings = testSettings();
    const finding = (rule: string) => ({ source: "analyzer" as const, rule, severity: "minor" as const, path: "lib/demo.ex", line: 2, title: `hit of ${rule}`, message: "m" });
    const gh = new CommandHarness({
      settings,
      stages: {
        analyzer: async () => ({ ran: true, findings: [finding("otp/impl-true"), finding("docs/moduledoc")], filesAnalyzed: 1, linesAnalyzed: 3, skipped: [], durationMs: 1 }),
      },
    });
    const ignored: PullState = { version: 1, ignored: [{ rule: "otp/impl-true", by: "octocat", reason: "generated code", at: "2025-03-01T10:00:00.000Z" }] };
    gh.token().config().issueComments([stateComment(ignored)]);
    const checks = new GitHubMock(OWNER, REPO).checkRuns();
    const payload = examplePayload("pull_request", "opened", (p) => {
      p.repository.clone_url = remote.url;
      p.pull_request.head.sha = head;
      p.pull_request.base.sha = base;
      p.pull_request.base.ref = "main";
    });
    await gh.send("pull_request", payload);
    await gh.agent.queue!.idle();

    const summary: string = checks.completions()[0].output.summary;
    expect(summary).toContain("hit of docs/moduledoc");
    expect(summary).not.toContain("hit of otp/impl-true");
    expect(summary).toContain("#### Rules ignored on this pull request");
    expect(summary).toContain("`otp/impl-true` by @\u200boctocat — generated code");
  });

  it("unignore removes the rule; unignoring a rule that is not ignored says so", async () => {
    const gh = new CommandHarness();
    const before: PullState = { version: 1, ignored: [{ rule: "otp/impl-true", by: "octocat", at: "2025-03-01T10:00:00.000Z" }] };
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write");
    gh.issueComments([stateComment(before)]).stateWrite(700).reply();
    await gh.send("issue_comment", prComment("/elixir-agent unignore otp/impl-true"));
    expect(written(gh).state.ignored).toEqual([]);

    gh.reactions("issue", 5, 2).issueComments().config().permission("Codertocat", "write").issueComments().reply();
    await gh.send("issue_comment", prComment("/elixir-agent unignore otp/impl-true", (p) => (p.comment.id = 5)), "delivery-2");
    expect(gh.replies()[1]).toContain("`otp/impl-true` is not ignored on this pull request.");
  });
});
