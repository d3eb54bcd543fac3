import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import type { Stages } from "../../src/pipeline/stages.js";
import { GitHubMock } from "../helpers/github-mock.js";
import { aimPayload, elixirPullRequest, testSettings } from "../helpers/pr-fixture.js";
import { examplePayload, testProbot, TEST_APP_ID } from "../helpers/probot.js";

const OWNER = "Codertocat";
const REPO = "Hello-World";

async function boot(stages?: Partial<Stages>) {
  const agent = createApp({ settings: testSettings(), appId: TEST_APP_ID, secrets: [], ...(stages ? { stages } : {}) });
  const probot = testProbot();
  await probot.load(agent.appFn);
  return { agent, probot };
}

/** A toolchain stage that blocks until released or aborted — a long-running review. */
function blockingStage() {
  const started: string[] = [];
  let release: () => void = () => {};
  const stage: Stages["analyzer"] = async ({ workspace, signal }) => {
    started.push(workspace.headSha);
    await new Promise<void>((resolve) => {
      release = resolve;
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    signal.throwIfAborted();
    return { ran: false, reason: "test analyzer", findings: [], filesAnalyzed: 0, linesAnalyzed: 0, skipped: [] , durationMs: 0 };
  };
  return { stage, started, release: () => release() };
}

/** Check event examples come from another repository: point them at ours. */
function aimRepo(p: any, fx: { remote: { url: string } }) {
  p.repository.clone_url = fx.remote.url;
  p.repository.name = REPO;
  p.repository.owner.login = OWNER;
  p.repository.default_branch = "master";
  p.installation = { id: 1 };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!cond()) throw new Error("condition never became true");
};

describe("intake", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  for (const action of ["opened", "synchronize", "reopened", "ready_for_review"]) {
    it(`pull_request.${action} runs one review of the head SHA`, async () => {
      const fx = elixirPullRequest();
      cleanups.push(fx.cleanup);
      const github = new GitHubMock(OWNER, REPO).installationToken().config(undefined).checkRuns().pullState();
      const { agent, probot } = await boot();
      const payload = examplePayload("pull_request", action, (p) => aimPayload(p, fx, fx.head));
      await probot.receive({ id: `d-${action}`, name: "pull_request", payload } as any);
      await agent.queue!.idle();
      expect(github.calls.filter((c) => c.path === "check-runs").map((c) => c.body.head_sha)).toEqual([fx.head]);
      expect(github.completions()).toHaveLength(1);
    });
  }

  it("ignores pull_request actions it does not handle (closed, labeled)", async () => {
    const fx = elixirPullRequest();
    cleanups.push(fx.cleanup);
    const { agent, probot } = await boot();
    for (const action of ["closed", "labeled"]) {
      const payload = examplePayload("pull_request", action, (p) => aimPayload(p, fx, fx.head));
      await probot.receive({ id: `d-${action}`, name: "pull_request", payload } as any);
    }
    expect(agent.queue!.snapshot()).toEqual([]);
  });

  it("a draft completes its check run as skipped unless review.drafts is on", async () => {
    const fx = elixirPullRequest();
    cleanups.push(fx.cleanup);
    const github = new GitHubMock(OWNER, REPO).installationToken().config(undefined).checkRuns();
    const { agent, probot } = await boot();
    const payload = examplePayload("pull_request", "opened", (p) => {
      aimPayload(p, fx, fx.head);
      p.pull_request.draft = true;
    });
    await probot.receive({ id: "d-draft", name: "pull_request", payload } as any);
    await agent.queue!.idle();
    expect(github.completions()[0]).toMatchObject({ conclusion: "skipped", output: { title: expect.stringContaining("Draft") } });
  });

  it("a delivery replayed twice runs once", async () => {
    const fx = elixirPullRequest();
    cleanups.push(fx.cleanup);
    const github = new GitHubMock(OWNER, REPO).installationToken().config(undefined).checkRuns().pullState();
    const { agent, probot } = await boot();
    const payload = examplePayload("pull_request", "opened", (p) => aimPayload(p, fx, fx.head));
    await probot.receive({ id: "same-delivery", name: "pull_request", payload } as any);
    await probot.receive({ id: "same-delivery", name: "pull_request", payload } as any);
    await agent.queue!.idle();
    expect(github.calls.filter((c) => c.path === "check-runs")).toHaveLength(1);
  });

  it("a synchronize during a running job cancels it; the final completed check run is on the newest SHA", async () => {
    const fx = elixirPullRequest();
    cleanups.push(fx.cleanup);
    const github = new GitHubMock(OWNER, REPO).installationToken().config(undefined, 2).checkRuns(2).pullState(1, [], 2);
    const toolchain = blockingStage();
    const { agent, probot } = await boot({ analyzer: toolchain.stage });
    await probot.receive({ id: "d1", name: "pull_request", payload: examplePayload("pull_request", "opened", (p) => aimPayload(p, fx, fx.head)) } as any);
    await until(() => toolchain.started.length === 1);

    const newer = fx.push({ "lib/demo.ex": "defmodule Demo do\n  @moduledoc false\n  def hello, do: :moon\nend\n" });
    await probot.receive({ id: "d2", name: "pull_request", payload: examplePayload("pull_request", "synchronize", (p) => aimPayload(p, fx, newer)) } as any);
    await until(() => toolchain.started.length === 2);
    toolchain.release();
    await agent.queue!.idle();

    const created = github.calls.filter((c) => c.path === "check-runs").map((c) => c.body.head_sha);
    expect(created).toEqual([fx.head, newer]);
    const completions = github.completions();
    expect(completions.map((c) => c.conclusion)).toEqual(["cancelled", "neutral"]);
    expect(completions[0].output.title).toMatch(/Superseded/);
    expect(toolchain.started).toEqual([fx.head, newer]);
  });

  it("on shutdown a running review completes its check run as neutral, interrupted", async () => {
    const fx = elixirPullRequest();
    cleanups.push(fx.cleanup);
    const github = new GitHubMock(OWNER, REPO).installationToken().config(undefined).checkRuns().pullState();
    const toolchain = blockingStage();
    const { agent, probot } = await boot({ analyzer: toolchain.stage });
    await probot.receive({ id: "d1", name: "pull_request", payload: examplePayload("pull_request", "opened", (p) => aimPayload(p, fx, fx.head)) } as any);
    await until(() => toolchain.started.length === 1);
    await agent.shutdown();
    expect(github.completions()).toEqual([expect.objectContaining({ conclusion: "neutral", output: expect.objectContaining({ title: expect.stringMatching(/interrupted/i) }) })]);
    // Intake is closed: a new event is not enqueued.
    await probot.receive({ id: "d2", name: "pull_request", payload: examplePayload("pull_request", "reopened", (p) => aimPayload(p, fx, fx.head)) } as any);
    expect(agent.queue!.snapshot()).toEqual([]);
  });

  it("check_run.rerequested re-reviews the PR's current head; other apps' check runs are ignored", async () => {
    const fx = elixirPullRequest(2);
    cleanups.push(fx.cleanup);
    const github = new GitHubMock(OWNER, REPO).installationToken().config(undefined).checkRuns().pullState(2);
    const { agent, probot } = await boot();
    const pullPayload = examplePayload("pull_request", "opened", (p) => aimPayload(p, fx, fx.head, 2)).pull_request;
    github.pull(2, pullPayload);
    const payload = examplePayload("check_run", "rerequested", (p) => {
      aimRepo(p, fx);
      p.check_run.app.id = TEST_APP_ID;
      p.check_run.head_sha = fx.head;
      p.check_run.pull_requests = [{ number: 2, head: { ref: "feature", sha: fx.head }, base: { ref: "main", sha: fx.base } }];
    });
    await probot.receive({ id: "cr1", name: "check_run", payload } as any);
    const foreign = examplePayload("check_run", "rerequested", (p) => {
      p.check_run.app.id = 999_999;
    });
    await probot.receive({ id: "cr2", name: "check_run", payload: foreign } as any);
    await agent.queue!.idle();
    expect(github.calls.filter((c) => c.path === "check-runs").map((c) => c.body.head_sha)).toEqual([fx.head]);
  });

  it("check_run.requested_action (Full review) and check_suite.rerequested from a fork resolve the PR by head SHA", async () => {
    const fx = elixirPullRequest(3);
    cleanups.push(fx.cleanup);
    const github = new GitHubMock(OWNER, REPO).installationToken().config(undefined, 2).checkRuns(2).pullState(3, [], 2);
    const { agent, probot } = await boot();
    const pullPayload = examplePayload("pull_request", "opened", (p) => aimPayload(p, fx, fx.head, 3)).pull_request;
    github.pull(3, pullPayload);
    github.scope.get(`/repos/${OWNER}/${REPO}/pulls`).query({ state: "open", per_page: 100, page: 1 }).reply(200, [pullPayload]);

    const action = examplePayload("check_run", "requested_action", (p) => {
      aimRepo(p, fx);
      p.check_run.app.id = TEST_APP_ID;
      p.check_run.head_sha = fx.head;
      p.check_run.pull_requests = [{ number: 3, head: { ref: "feature", sha: fx.head }, base: { ref: "main", sha: fx.base } }];
      p.requested_action = { identifier: "full-review" };
    });
    await probot.receive({ id: "ra1", name: "check_run", payload: action } as any);
    await agent.queue!.idle();

    const suite = examplePayload("check_suite", "rerequested", (p) => {
      aimRepo(p, fx);
      p.check_suite.app.id = TEST_APP_ID;
      p.check_suite.head_sha = fx.head;
      p.check_suite.pull_requests = []; // a fork push
    });
    await probot.receive({ id: "cs1", name: "check_suite", payload: suite } as any);
    await agent.queue!.idle();
    expect(github.calls.filter((c) => c.path === "check-runs").map((c) => c.body.head_sha)).toEqual([fx.head, fx.head]);
    expect(github.completions()).toHaveLength(2);
  });
});
