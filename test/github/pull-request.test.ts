import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { TestRepo } from "../helpers/git-repo.js";
import { GitHubMock } from "../helpers/github-mock.js";
import { examplePayload, testProbot, TEST_APP_ID } from "../helpers/probot.js";
import { testSettings } from "../helpers/pr-fixture.js";

function fixtureRepo() {
  const repo = new TestRepo();
  repo.write({ "mix.exs": "defmodule Demo.MixProject do\n  use Mix.Project\nend\n", "lib/demo.ex": "defmodule Demo do\nend\n" });
  const base = repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write({ "lib/demo.ex": "defmodule Demo do\n  def hello, do: :world\nend\n" });
  const head = repo.commit("feature");
  repo.git("checkout", "-q", "main");
  return { repo, base, head };
}

describe("pull_request webhooks", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("opened: enqueues, checks out the real repository, and completes the check run", async () => {
    const { repo, base, head } = fixtureRepo();
    cleanups.push(() => repo.cleanup());
    const remote = repo.bareRemote({ 1: head });
    const payload = examplePayload("pull_request", "opened", (p) => {
      p.repository.clone_url = remote.url;
      p.repository.default_branch = "master";
      p.pull_request.head.sha = head;
      p.pull_request.base.sha = base;
      p.pull_request.base.ref = "main";
      p.pull_request.number = 1;
    });
    const github = new GitHubMock("Codertocat", "Hello-World").installationToken().config(undefined).checkRuns().pullState();
    const settings = testSettings();
    const agent = createApp({ settings, appId: TEST_APP_ID, secrets: [] });
    const probot = testProbot();
    await probot.load(agent.appFn);

    await probot.receive({ id: "delivery-1", name: "pull_request", payload } as any);
    await agent.queue!.idle();

    const created = github.calls.find((c) => c.path === "check-runs")!.body;
    expect(created).toMatchObject({ name: "elixir-agent", head_sha: head, status: "in_progress" });
    const [completed] = github.completions();
    expect(completed.conclusion).toBe("neutral");
    expect(completed.output.summary).toContain("Toolchain");
  });
});
