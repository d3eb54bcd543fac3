import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { afterEach, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { defaultStages, type Stages } from "../../src/pipeline/stages.js";
import type { ToolchainReport } from "../../src/toolchain/types.js";
import { CacheStore } from "../../src/toolchain/cache/store.js";
import { scopeKind } from "../../src/toolchain/cache/keys.js";
import { GitHubMock } from "../helpers/github-mock.js";
import { aimPayload, elixirPullRequest, testSettings } from "../helpers/pr-fixture.js";
import { examplePayload, testProbot, TEST_APP_ID } from "../helpers/probot.js";
import { describeBwrap } from "../toolchain/helpers/real.js";

const OWNER = "Codertocat";
// Its own cache scope in the shared test cache (the core PLT is shared, the project entries are not).
const REPO = `warm-${randomUUID().slice(0, 8)}`;

/** The real toolchain stage, recording each report. */
function recordingToolchain() {
  const reports: ToolchainReport[] = [];
  const toolchain: Stages["toolchain"] = async (input) => {
    const report = await defaultStages.toolchain(input);
    reports.push(report);
    return report;
  };
  return { toolchain, reports };
}

function pushPayload(fx: ReturnType<typeof elixirPullRequest>, edit: (p: any) => void) {
  return examplePayload("push", "refs/heads/master", (p) => {
    p.ref = "refs/heads/main";
    p.repository.default_branch = "main";
    p.repository.master_branch = "main";
    p.repository.clone_url = fx.remote.url;
    p.repository.name = REPO;
    p.repository.owner.login = OWNER;
    p.repository.owner.name = OWNER;
    p.installation = { id: 1 };
    p.after = fx.base;
    p.deleted = false;
    edit(p);
  });
}

describeBwrap("push to the default branch: cache warm-up", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("compiles the default branch in the sandbox, stores _build, posts nothing; the next PR review starts warm", { timeout: 600_000 }, async () => {
    const fx = elixirPullRequest();
    cleanups.push(fx.cleanup);
    const settings = testSettings();
    const recorder = recordingToolchain();
    const agent = createApp({ settings, appId: TEST_APP_ID, secrets: [], stages: { toolchain: recorder.toolchain } });
    const probot = testProbot();
    await probot.load(agent.appFn);

    // The warm-up reads the config from the default branch and nothing else: no check run, no comment.
    const github = new GitHubMock(OWNER, REPO).installationToken().config(undefined, 1, "main");
    await probot.receive({ id: "push-1", name: "push", payload: pushPayload(fx, () => {}) } as any);
    await agent.queue!.idle();
    expect(github.calls.map((c) => c.path)).toEqual([]);
    expect(recorder.reports).toHaveLength(1);
    const warm = recorder.reports[0]!;
    expect(warm.steps.filter((s) => s.status !== "skipped").map((s) => `${s.id}:${s.status}`)).toEqual(["deps:passed", "compile:passed"]);
    // The core PLT is prepared here too (built, or already cached on this machine) before any
    // project code ran, so reviews start fully warm.
    expect(warm.cache?.saved).toContain("build");
    expect([...warm.cache!.saved, ...warm.cache!.restored]).toContain("plt");
    expect(warm.steps.find((s) => s.id === "test")).toMatchObject({ status: "skipped", reason: "not part of a cache warm-up" });
    const store = new CacheStore(settings.cacheDir, 1024 ** 3);
    expect((await store.list()).map((e) => e.kind)).toContain(scopeKind(`${OWNER}/${REPO}`, "build"));
    // The job directory (checkout, sandbox home) is gone.
    expect(readdirSync(settings.workDir)).toEqual([]);

    // A pull request reviewed afterwards restores that build instead of compiling from nothing.
    // Probot still holds the installation token from the warm-up.
    const review = new GitHubMock(OWNER, REPO).config(undefined).checkRuns().pullState();
    const opened = examplePayload("pull_request", "opened", (p) => {
      aimPayload(p, fx, fx.head);
      p.repository.name = REPO;
    });
    await probot.receive({ id: "pr-1", name: "pull_request", payload: opened } as any);
    await agent.queue!.idle();
    expect(recorder.reports).toHaveLength(2);
    expect(recorder.reports[1]!.cache?.restored).toEqual(expect.arrayContaining(["plt", "build"]));
    expect(recorder.reports[1]!.cache?.saved).toEqual([]);
    expect(recorder.reports[1]!.steps.find((s) => s.id === "dialyzer")?.status).toBe("passed");
    expect(review.completions()).toHaveLength(1);
  });

  it("ignores pushes to other branches, tags and branch deletions", async () => {
    const fx = elixirPullRequest();
    cleanups.push(fx.cleanup);
    const recorder = recordingToolchain();
    const agent = createApp({ settings: testSettings(), appId: TEST_APP_ID, secrets: [], stages: { toolchain: recorder.toolchain } });
    const probot = testProbot();
    await probot.load(agent.appFn);
    const pushes = [
      pushPayload(fx, (p) => (p.ref = "refs/heads/feature")),
      pushPayload(fx, (p) => (p.ref = "refs/tags/v1.0.0")),
      pushPayload(fx, (p) => {
        p.deleted = true;
        p.after = "0000000000000000000000000000000000000000";
      }),
    ];
    for (const [i, payload] of pushes.entries()) await probot.receive({ id: `push-${i}`, name: "push", payload } as any);
    expect(agent.queue!.snapshot()).toEqual([]);
    await agent.queue!.idle();
    expect(recorder.reports).toEqual([]);
  });
});
