import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, noneBackendWarning, type BackendSandbox } from "../../src/sandbox/index.js";
import { hostProcessesMatching, type Job, makeJob } from "./helpers.js";

describe("none backend (explicit opt-in, no isolation)", () => {
  let job: Job;
  let sandbox: BackendSandbox;
  const canary = "canary-none-backend-0123456789";
  beforeAll(async () => {
    process.env.EA_NONE_CANARY_TOKEN = canary;
    job = makeJob();
    sandbox = await createSandbox("none", { workspace: job.workspace, jobDir: job.jobDir });
  });
  afterAll(async () => {
    delete process.env.EA_NONE_CANARY_TOKEN;
    await sandbox?.dispose();
    job?.cleanup();
  });

  it("runs the command directly, still with only the allowlisted environment", async () => {
    const result = await sandbox.run({ command: "sh", args: ["-c", "pwd; env; echo x > out.txt"], cwd: job.workspace, env: { MIX_ENV: "test" } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(job.workspace);
    expect(result.stdout).toContain(`HOME=${join(job.jobDir, "sandbox", "home")}`);
    expect(result.stdout).toContain("MIX_ENV=test");
    expect(result.stdout).not.toContain(canary);
    expect(readFileSync(join(job.workspace, "out.txt"), "utf8")).toBe("x\n");
    expect(sandbox.enforcement).toEqual({ memory: "none", processes: "none", uid: null });
  });

  it("keeps the wall clock, the output cap and the process-group kill", async () => {
    const slow = await sandbox.run({ command: "sleep", args: ["86390.5"], cwd: job.workspace, limits: { wallMs: 300 } });
    expect(slow.timedOut).toBe(true);
    expect(hostProcessesMatching("86390.5")).toEqual([]);
    const loud = await sandbox.run({ command: "head", args: ["-c", String(1024 ** 3), "/dev/zero"], cwd: job.workspace, limits: { outputBytes: 4096 } });
    expect(loud).toMatchObject({ limitHit: "output", stdoutTruncated: true, signal: "SIGKILL" });
    const left = await sandbox.run({ command: "sh", args: ["-c", "sleep 86389.5 & echo started"], cwd: job.workspace });
    expect(left.stdout).toBe("started\n");
    expect(hostProcessesMatching("86389.5")).toEqual([]);
  });

  it("answers a missing command like a shell", async () => {
    const result = await sandbox.run({ command: "no-such-tool-here", args: [], cwd: job.workspace });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toContain("command not found");
  });

  it("comes with a loud warning to print", () => {
    const warning = noneBackendWarning();
    expect(warning).toContain("NO SANDBOX");
    expect(warning).toContain("ELIXIR_AGENT_SANDBOX=none");
    expect(warning).toMatch(/trust/);
  });
});
