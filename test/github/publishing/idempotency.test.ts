import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { examplePayload } from "../../helpers/probot.js";
import { fakeGitHub, OWNER, PR, PullScenario, REPO, startApp } from "./scenario.js";
import { analyzerStages } from "./stages.js";

const before = "defmodule Demo do\nend\n";
const after = 'defmodule Demo do\n  def key(p), do: String.to_atom(p["k"])\nend\n';

describe("a retried write never creates a second review, comment or check run", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  async function setup() {
    const pr = new PullScenario({ "lib/demo.ex": before });
    cleanups.push(() => pr.cleanup());
    const head = pr.push({ "lib/demo.ex": after });
    const github = fakeGitHub().diffOf(pr.remote.dir, pr.base, head);
    const app = await startApp({ stages: analyzerStages });
    return { pr, head, github, app };
  }

  it("a 502 on the review POST after GitHub accepted it, then a retry: exactly one review", async () => {
    const { pr, head, github, app } = await setup();
    github.fail("POST reviews", { status: 502, applied: true, message: "Bad Gateway" });
    await app.receive(pr.payload("opened", head));

    expect(github.violations).toEqual([]);
    expect(github.reviews).toHaveLength(1);
    expect(github.threads).toHaveLength(1);
    expect(github.reviewPosts().map((c) => c.status)).toEqual([502]);
    // After the 502 the job looked for its own marker instead of posting again.
    const afterFault = github.calls.slice(github.calls.findIndex((c) => c.path === "reviews" && c.method === "POST") + 1);
    expect(afterFault[0]).toMatchObject({ method: "GET", path: "reviews" });
    const summary = github.completions()[0].output.summary as string;
    expect(summary).toContain("with 1 new inline comment.");
  });

  it("a 502 on the review POST that GitHub did not apply: posted again, still exactly one review", async () => {
    const { pr, head, github, app } = await setup();
    github.fail("POST reviews", { status: 502, applied: false });
    await app.receive(pr.payload("opened", head));

    expect(github.violations).toEqual([]);
    expect(github.reviews).toHaveLength(1);
    expect(github.reviewPosts().map((c) => c.status)).toEqual([502, 200]);
  });

  it("a 502 on creating the check run after GitHub created it: the job finds it by its external id", async () => {
    const { pr, head, github, app } = await setup();
    github.fail("POST check-runs", { status: 502, applied: true });
    await app.receive(pr.payload("opened", head));

    expect(github.violations).toEqual([]);
    expect(github.checkRuns.size).toBe(1);
    const [run] = [...github.checkRuns.values()];
    expect(run!.updates.at(-1)).toMatchObject({ status: "completed" });
    expect(github.calls.some((c) => c.path === "commit-check-runs")).toBe(true);
  });

  it("a re-run of the same head SHA completes a new check run but posts no second review", async () => {
    const { pr, head, github, app } = await setup();
    await app.receive(pr.payload("opened", head));
    expect(github.reviews).toHaveLength(1);

    github.config = undefined;
    const rerun = examplePayload("check_run", "rerequested", (p) => {
      p.repository.owner.login = OWNER;
      p.repository.name = REPO;
      p.repository.clone_url = pr.remote.url;
      p.repository.default_branch = "master";
      p.check_run.app.id = 2;
      p.check_run.head_sha = head;
      p.check_run.pull_requests = [{ number: PR, head: { ref: "feature", sha: head }, base: { ref: "main", sha: pr.base } }];
    });
    const pull = pr.payload("opened", head).payload.pull_request;
    nock("https://api.github.com").get(`/repos/${OWNER}/${REPO}/pulls/${PR}`).reply(200, pull);
    await app.receive({ id: "rerun-1", name: "check_run", payload: rerun } as any);

    expect(github.violations).toEqual([]);
    expect(github.checkRuns.size).toBe(2);
    expect(github.reviews).toHaveLength(1);
    const second = github.completions()[1].output.summary as string;
    expect(second).toContain("1 finding(s) already have an open comment: not repeated.");
  });
});
