import { afterEach, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { GitHubMock } from "../helpers/github-mock.js";
import { examplePayload, testProbot, TEST_APP_ID } from "../helpers/probot.js";
import { aimPayload, elixirPullRequest, testSettings } from "../helpers/pr-fixture.js";
import { describeBwrap } from "../toolchain/helpers/real.js";

// It asserts that the real toolchain ran in the sandbox: Elixir and bubblewrap are needed.
describeBwrap("pull_request webhooks", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("opened: enqueues, checks out the real repository, runs its toolchain and completes the check run", async () => {
    const fx = elixirPullRequest();
    cleanups.push(fx.cleanup);
    const payload = examplePayload("pull_request", "opened", (p) => aimPayload(p, fx, fx.head));
    const github = new GitHubMock("Codertocat", "Hello-World").installationToken().config(undefined).checkRuns().pullState();
    const agent = createApp({ settings: testSettings(), appId: TEST_APP_ID, secrets: [] });
    const probot = testProbot();
    await probot.load(agent.appFn);

    await probot.receive({ id: "delivery-1", name: "pull_request", payload } as any);
    await agent.queue!.idle();

    const created = github.calls.find((c) => c.path === "check-runs")!.body;
    expect(created).toMatchObject({ name: "elixir-agent", head_sha: fx.head, status: "in_progress" });
    const [completed] = github.completions();
    // The fixture has no test suite (and no .formatter.exs): incomplete, so neutral, never a failure.
    expect(completed.conclusion).toBe("neutral");
    expect(completed.output.summary).toMatch(/\| `mix compile[^`]*` \| ✅ passed \|/);
    expect(completed.output.summary).toMatch(/\| `mix test[^`]*` \| ⚠️ not run \| no test suite/);
    expect(completed.output.summary).toContain(`Reviewed \`${fx.head.slice(0, 12)}\``);
  });
});
