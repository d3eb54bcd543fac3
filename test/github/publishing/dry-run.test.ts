import { Probot, ProbotOctokit } from "probot";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.js";
import { dryRunFetch } from "../../../src/github/dry-run.js";
import { TEST_APP_ID, TEST_PRIVATE_KEY } from "../../helpers/probot.js";
import { PullScenario } from "./scenario.js";
import { analyzerStages } from "./stages.js";
import { testSettings } from "../../helpers/pr-fixture.js";

describe("the dry run", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("prints every call a real review would make — check run, annotations, review, threads — and sends none", async () => {
    const pr = new PullScenario({ "lib/demo.ex": "defmodule Demo do\nend\n" });
    cleanups.push(() => pr.cleanup());
    const head = pr.push({ "lib/demo.ex": 'defmodule Demo do\n  def key(p), do: String.to_atom(p["k"])\nend\n' });
    const printed: string[] = [];
    const probot = new Probot({
      appId: TEST_APP_ID,
      privateKey: TEST_PRIVATE_KEY,
      Octokit: ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } })),
      request: { fetch: dryRunFetch((line) => printed.push(line)) },
      log: pino({ level: "silent" }),
    });
    const settings = testSettings();
    const agent = createApp({ settings, appId: TEST_APP_ID, secrets: [], stages: analyzerStages, limiter: { minIntervalMs: 0 } });
    await probot.load(agent.appFn);
    await probot.receive(pr.payload("opened", head) as any);
    await agent.queue!.idle();

    const calls = printed.map((p) => p.split("\n")[0]);
    expect(calls).toEqual([
      "POST /app/installations/1/access_tokens",
      "POST /repos/Codertocat/Hello-World/check-runs",
      "GET /repos/Codertocat/Hello-World/contents/.github/elixir-agent.yml?ref=master",
      ...calls.slice(3, calls.indexOf("GET /repos/Codertocat/Hello-World/pulls/1/reviews?per_page=100&page=1")),
      "GET /repos/Codertocat/Hello-World/pulls/1/reviews?per_page=100&page=1",
      "POST /graphql",
      "POST /repos/Codertocat/Hello-World/pulls/1/reviews",
      "PATCH /repos/Codertocat/Hello-World/check-runs/1",
    ]);
    // Besides progress updates, the job reads the PR's `/elixir-agent` command state (pause, ignored rules) once.
    const stateRead = "GET /repos/Codertocat/Hello-World/issues/1/comments?per_page=100&page=1";
    expect(calls.filter((c) => c === stateRead)).toHaveLength(1);
    expect(calls.slice(3, -4).every((c) => c === "PATCH /repos/Codertocat/Hello-World/check-runs/1" || c === stateRead)).toBe(true);
    const review = printed.find((p) => p.startsWith("POST /repos/Codertocat/Hello-World/pulls/1/reviews"))!;
    expect(review).toContain('"event": "COMMENT"');
    expect(review).toContain("```suggestion");
    expect(printed.at(-1)).toContain('"status": "completed"');
  });
});
