import { expect, it } from "vitest";
import { ConfigSchema } from "../../../src/config/schema.js";
import type { JobRequest } from "../../../src/pipeline/types.js";
import { loadSettings } from "../../../src/settings.js";
import { cacheScope, toolchainStage } from "../../../src/toolchain/index.js";
import { silentLogger } from "../../../src/logger.js";
import { DirectSandbox } from "../../helpers/direct-sandbox.js";
import { fixtureWorkspace } from "../helpers/fixture.js";
import { describeElixir, TEST_CACHE_DIR } from "../helpers/real.js";

const request = (extra: Partial<JobRequest>): JobRequest => ({
  id: "job-1",
  trigger: "pull_request",
  repo: { owner: "acme", name: "shop", cloneUrl: "https://github.com/acme/shop.git", defaultBranch: "main" },
  pr: { number: 7, headSha: "abc" },
  mode: "full",
  ...extra,
});

it("caches are scoped per repository", () => {
  expect(cacheScope(request({}))).toBe("acme/shop");
  expect(cacheScope({ repo: { owner: "", name: "", cloneUrl: "/home/me/app", defaultBranch: "main" } })).toBe("/home/me/app");
});

describeElixir("the pipeline's toolchain stage, for real", () => {
  it("a `step` job re-runs one step and what it needs; the rest are not requested", { timeout: 300_000 }, async () => {
    const fx = await fixtureWorkspace("warnings");
    fx.workspace.seal();
    const sandbox = new DirectSandbox();
    try {
      const progress: string[] = [];
      const report = await toolchainStage({
        workspace: fx.workspace,
        openSandbox: async () => sandbox,
        config: ConfigSchema.parse({}),
        settings: { ...loadSettings({}), cacheDir: TEST_CACHE_DIR },
        cacheWritable: false,
        request: request({ mode: "step", step: "format" }),
        signal: new AbortController().signal,
        log: silentLogger(),
        onStep: (r) => progress.push(`${r.id}:${r.status}`),
      });
      expect(progress).toEqual(["deps:passed", "compile:skipped", "format:failed", "test:skipped", "credo:skipped", "dialyzer:skipped"]);
      expect(report.steps.find((s) => s.id === "test")!.reason).toBe("not requested (re-running format only)");
      expect(report.cache!.restored).not.toContain("plt");
    } finally {
      await sandbox.dispose();
      await fx.cleanup();
    }
  });

  it("a `warm` job runs deps and compile, prepares the core PLT, and skips the rest as not part of a warm-up", { timeout: 300_000 }, async () => {
    const fx = await fixtureWorkspace("clean");
    fx.workspace.seal();
    const sandbox = new DirectSandbox();
    try {
      const report = await toolchainStage({
        workspace: fx.workspace,
        openSandbox: async () => sandbox,
        config: ConfigSchema.parse({}),
        settings: { ...loadSettings({}), cacheDir: TEST_CACHE_DIR },
        cacheWritable: false,
        request: request({ mode: "warm", trigger: "push" }),
        signal: new AbortController().signal,
        log: silentLogger(),
      });
      expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual(["deps:passed", "compile:passed", "format:skipped", "test:skipped", "credo:skipped", "dialyzer:skipped"]);
      expect(report.steps.find((s) => s.id === "dialyzer")!.reason).toBe("not part of a cache warm-up");
      expect([...report.cache!.restored, ...report.cache!.saved]).toContain("plt");
    } finally {
      await sandbox.dispose();
      await fx.cleanup();
    }
  });
});
