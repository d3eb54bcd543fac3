import { Octokit } from "@octokit/rest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/config/schema.js";
import { GitHubPublisher } from "../../../src/github/github-publisher.js";
import type { GitHubClient } from "../../../src/github/octokit.js";
import { silentLogger } from "../../../src/logger.js";
import { runReview } from "../../../src/pipeline/run.js";
import type { AnalyzerStageInput, Stages } from "../../../src/pipeline/stages.js";
import type { JobRequest } from "../../../src/pipeline/types.js";
import type { Sandbox } from "../../../src/sandbox/types.js";
import { loadSettings } from "../../../src/settings.js";
import { checkout } from "../../../src/workspace/checkout.js";
import { fakeGitHub, OWNER, PR, PullScenario, REPO, startApp } from "./scenario.js";
import { analyzerStages } from "./stages.js";

const before = "defmodule Demo do\nend\n";
const after = 'defmodule Demo do\n  def key(p), do: String.to_atom(p["k"])\nend\n';
const boom = (stage: string) => async () => {
  throw new Error(`${stage} exploded: ENOMEM`);
};

/** Resolves once the stage has started, then waits for the job's signal. */
function blockingStage() {
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const analyzer = (input: AnalyzerStageInput) =>
    new Promise<never>((_, reject) => {
      started();
      input.signal.addEventListener("abort", () => reject(input.signal.reason), { once: true });
    });
  return { running, analyzer };
}

describe("the check run is always completed, honestly", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  function scenario() {
    const pr = new PullScenario({ "lib/demo.ex": before });
    cleanups.push(() => pr.cleanup());
    const head = pr.push({ "lib/demo.ex": after });
    return { pr, head };
  }

  it("goes in_progress before the clone, shows progress, completes last, and never reopens", async () => {
    const { pr, head } = scenario();
    const github = fakeGitHub().diffOf(pr.remote.dir, pr.base, head);
    const app = await startApp({ stages: analyzerStages });
    await app.receive(pr.payload("opened", head));

    const runWrites = github.calls.filter((c) => c.path === "check-runs" || c.path === "check-run");
    expect(runWrites[0]).toMatchObject({ method: "POST", body: { status: "in_progress", head_sha: head, name: "elixir-agent" } });
    expect(github.calls.findIndex((c) => c.path === "check-runs")).toBeLessThan(github.calls.findIndex((c) => c.path === "config"));
    const progress = runWrites.filter((c) => c.method === "PATCH" && c.body.status === "in_progress");
    expect(progress[0]!.body.output.summary).toMatch(/^\| stage \| state \| details \| time \|\n\|---\|---\|---\|---\|\n\| config \| ✅ done \| default \|/);
    expect(runWrites.at(-1)!.body).toMatchObject({ status: "completed", actions: [{ identifier: "rerun" }, { identifier: "full-review" }] });
    expect(runWrites.filter((c) => c.body.status === "completed")).toHaveLength(1);
  });

  for (const stage of ["analyzer", "agent"] as const) {
    it(`a crash in the ${stage} stage completes the run neutral, naming the stage — no verdict on the code`, async () => {
      const { pr, head } = scenario();
      const github = fakeGitHub(false);
      const app = await startApp({ stages: { [stage]: boom(stage) } as Partial<Stages> });
      await app.receive(pr.payload("opened", head));

      const [done] = github.completions();
      expect(done.conclusion).toBe("neutral");
      expect(done.output.title).toBe(`Review could not complete during the ${stage} stage`);
      expect(done.output.summary).toContain("This says nothing about the code.");
      expect(done.output.summary).toContain(`${stage} exploded: ENOMEM`);
      expect(github.reviewPosts()).toEqual([]);
    });
  }

  it("a crash in the toolchain stage completes the run neutral", async () => {
    const { pr, head } = scenario();
    const github = fakeGitHub(false, false);
    const done = await runDirect(pr, head, { stages: { toolchain: boom("toolchain") } });
    expect(done).toBeUndefined();
    const [completed] = github.completions();
    expect(completed).toMatchObject({ conclusion: "neutral", output: { title: "Review could not complete during the toolchain stage" } });
  });

  it("a failure reading the config (GitHub 500) completes the run neutral", async () => {
    const { pr, head } = scenario();
    const github = fakeGitHub(false);
    github.fail("GET config", { status: 500, message: "Internal Server Error" });
    const app = await startApp();
    await app.receive(pr.payload("opened", head));
    expect(github.completions()[0]).toMatchObject({ conclusion: "neutral", output: { title: "Review could not complete during the config stage" } });
  });

  it("a checkout that fails completes the run neutral with the reason", async () => {
    const { pr, head } = scenario();
    const github = fakeGitHub(false);
    const app = await startApp();
    const event = pr.payload("opened", head);
    event.payload.repository.clone_url = "file:///nonexistent/repo.git";
    await app.receive(event);
    expect(github.completions()[0]).toMatchObject({ conclusion: "neutral", output: { title: "Could not check out the pull request" } });
  });

  it("a review that times out completes the run neutral, saying where it stopped", async () => {
    const { pr, head } = scenario();
    const github = fakeGitHub(false, false);
    const { analyzer } = blockingStage();
    await runDirect(pr, head, { stages: { analyzer }, timeoutMs: 2000 });
    expect(github.completions()[0]).toMatchObject({ conclusion: "neutral", output: { title: "Review timed out" } });
    expect(github.completions()[0].output.summary).toMatch(/did not finish within .* during the (config|workspace|analyzer) stage\. No verdict was reached\./);
  });

  it("a shutdown during a review completes the run neutral as interrupted", async () => {
    const { pr, head } = scenario();
    const github = fakeGitHub(false);
    const { running, analyzer } = blockingStage();
    const app = await startApp({ stages: { analyzer } });
    const received = app.receive(pr.payload("opened", head));
    await running;
    await app.agent.shutdown();
    await received;
    expect(github.completions()[0]).toMatchObject({ conclusion: "neutral", output: { title: "Review interrupted — the service restarted" } });
  });

  it("a newer push cancels the running review; the newest head gets the verdict", async () => {
    const { pr, head } = scenario();
    const github = fakeGitHub(false);
    const { running, analyzer } = blockingStage();
    let calls = 0;
    const app = await startApp({ stages: { analyzer: (input) => (++calls === 1 ? analyzer(input) : analyzerStages.analyzer!(input)) } });
    const first = app.receive(pr.payload("opened", head));
    await running;
    const head2 = pr.push({ "lib/demo.ex": after.replace("key", "key2") });
    github.diffOf(pr.remote.dir, pr.base, head2);
    await app.receive(pr.payload("synchronize", head2));
    await first;
    const done = github.completions();
    const byHead = (sha: string) => done.find((d) => github.checkRuns.get([...github.checkRuns].find(([, r]) => r.updates.includes(d))![0])!.head_sha === sha);
    expect(byHead(head)).toMatchObject({ conclusion: "cancelled", output: { title: "Superseded by a newer push" } });
    expect(byHead(head2)?.conclusion).toBe("neutral");
    expect(github.reviews).toHaveLength(1);
  });

  it("a review that cannot be posted leaves the gate's verdict standing, and says so", async () => {
    const { pr, head } = scenario();
    const github = fakeGitHub().diffOf(pr.remote.dir, pr.base, head);
    github.config = "toolchain:\n  enabled: false\ngate:\n  analyzer: major\n";
    for (let i = 0; i < 3; i++) github.fail("POST reviews", { status: 500 });
    const app = await startApp({ stages: analyzerStages });
    await app.receive(pr.payload("opened", head));

    expect(github.reviews).toEqual([]);
    const [done] = github.completions();
    expect(done.conclusion).toBe("failure");
    expect(done.output.summary).toContain("The inline review could not be posted");
    expect(done.output.summary).toContain("security/string-to-atom");
  });

  it("when completing the run itself fails, it is completed again as neutral", async () => {
    const { pr, head } = scenario();
    const github = fakeGitHub().diffOf(pr.remote.dir, pr.base, head);
    github.fail("PATCH check-run", { status: 500, when: (body) => body.status === "completed" });
    const app = await startApp({ stages: analyzerStages });
    await app.receive(pr.payload("opened", head));
    expect(github.completions()).toHaveLength(1);
    expect(github.completions()[0]).toMatchObject({ conclusion: "neutral", output: { title: "Review could not complete during the publish stage" } });
  });
});

/** Runs the pipeline directly (for stages `createApp` cannot reach yet: the sandbox is not built on main). */
async function runDirect(pr: PullScenario, head: string, options: { stages: Partial<Stages>; timeoutMs?: number }) {
  const request: JobRequest = {
    id: "job-direct",
    trigger: "pull_request",
    repo: { owner: OWNER, name: REPO, cloneUrl: pr.remote.url, defaultBranch: "master" },
    pr: { number: PR, headSha: head, baseRef: "main", baseSha: pr.base, title: "t" },
    mode: "full",
  };
  const github = new Octokit({ auth: "ghs_test", log: { debug() {}, info() {}, warn() {}, error() {} } }) as unknown as GitHubClient;
  const log = silentLogger();
  const publisher = new GitHubPublisher(github, { owner: OWNER, repo: REPO, headSha: head, jobId: request.id }, { redact: (s) => s, log, pullNumber: PR });
  const jobDir = mkdtempSync(join(tmpdir(), "ea-job-"));
  const sandbox: Sandbox = { backend: "none", run: () => Promise.reject(new Error("not used")), dispose: async () => {} };
  return runReview(
    request,
    {
      publisher,
      settings: loadSettings({}),
      secrets: [],
      log,
      loadConfig: async () => ({ ok: true, config: defaultConfig(), source: "default" }),
      prepareWorkspace: (signal) => checkout({ cloneUrl: pr.remote.url, headSha: head, headRef: `refs/pull/${PR}/head`, baseRef: "main", baseSha: pr.base, jobDir, signal }),
      openSandbox: async () => sandbox,
      stages: options.stages,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    },
    new AbortController().signal,
  );
}
