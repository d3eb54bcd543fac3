import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { loadSettings } from "../../src/settings.js";
import type { Stages } from "../../src/pipeline/stages.js";
import type { JobRequest } from "../../src/pipeline/types.js";
import { warmCache, type WarmDeps } from "../../src/pipeline/warm.js";
import { checkout } from "../../src/workspace/checkout.js";
import { TestRepo } from "../helpers/git-repo.js";

/** A logger that keeps its lines, to see why a warm-up did nothing. */
function recordingLog() {
  const lines: { msg: string; reason?: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")));
      done();
    },
  });
  return { log: pino({ level: "info" }, stream), lines };
}

describe("warmCache when there is nothing to warm", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  function setup(files: Record<string, string>, yaml: string | undefined) {
    const repo = new TestRepo();
    cleanups.push(() => repo.cleanup());
    const head = repo.write(files).commit("main");
    const jobDir = mkdtempSync(join(tmpdir(), "ea-warm-"));
    cleanups.push(() => rmSync(jobDir, { recursive: true, force: true }));
    const { log, lines } = recordingLog();
    const toolchainRuns: unknown[] = [];
    let checkouts = 0;
    const toolchain: Stages["toolchain"] = async (input) => {
      toolchainRuns.push(input);
      return { ran: false, reason: "recorded", sandbox: null, steps: [] };
    };
    const deps: WarmDeps = {
      settings: loadSettings({}),
      log,
      loadConfig: async () => parseConfig(yaml),
      prepareWorkspace: (signal) => {
        checkouts++;
        return checkout({ cloneUrl: repo.dir, headSha: head, baseRef: "main", jobDir, signal });
      },
      openSandbox: () => Promise.reject(new Error("no sandbox expected")),
      stages: { toolchain },
    };
    const request: JobRequest = {
      id: "warm-1",
      trigger: "push",
      repo: { owner: "acme", name: "shop", cloneUrl: repo.dir, defaultBranch: "main" },
      pr: { headSha: head, baseRef: "main" },
      mode: "warm",
    };
    return { deps, request, jobDir, lines, toolchainRuns, checkouts: () => checkouts };
  }

  it("does not even clone when the repository switched the toolchain off, and logs why", async () => {
    const t = setup({ "mix.exs": "defmodule App.MixProject do\nend\n" }, "toolchain:\n  enabled: false\n");
    expect(await warmCache(t.request, t.deps, new AbortController().signal)).toBeUndefined();
    expect(t.checkouts()).toBe(0);
    expect(t.toolchainRuns).toEqual([]);
    expect(t.lines.find((l) => l.msg === "cache warm-up skipped")?.reason).toMatch(/toolchain\.enabled: false/);
  });

  it("runs nothing in a repository without mix.exs, logs why, and removes the checkout", async () => {
    const t = setup({ "README.md": "not elixir\n" }, undefined);
    expect(await warmCache(t.request, t.deps, new AbortController().signal)).toBeUndefined();
    expect(t.checkouts()).toBe(1);
    expect(t.toolchainRuns).toEqual([]);
    expect(t.lines.find((l) => l.msg === "cache warm-up skipped")?.reason).toMatch(/no mix\.exs/);
    expect(existsSync(join(t.jobDir, "repo"))).toBe(false);
  });
});
