import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type BackendSandbox, SandboxUnavailableError } from "../../src/sandbox/index.js";
import { IS_ROOT, type Job, makeJob, SKIP_BWRAP } from "./helpers.js";

describe.skipIf(SKIP_BWRAP)("bubblewrap sandbox", () => {
  let job: Job;
  let sandbox: BackendSandbox;
  beforeAll(async () => {
    job = makeJob({ "README.md": "hello\n", "lib/a.ex": "defmodule A, do: nil\n" });
    sandbox = await createSandbox("bubblewrap", {
      workspace: job.workspace,
      jobDir: job.jobDir,
      services: [{ env: { PGHOST: "/nowhere" }, bindPaths: [] }],
    });
  });
  afterAll(async () => {
    await sandbox?.dispose();
    job?.cleanup();
  });
  const run = (script: string, extra: Partial<Parameters<BackendSandbox["run"]>[0]> = {}) =>
    sandbox.run({ command: "sh", args: ["-c", script], cwd: job.workspace, ...extra });

  it("runs in the workspace with exactly the allowlisted environment", async () => {
    const result = await run("pwd; env | sort", { env: { MIX_ENV: "test" } });
    expect(result.exitCode).toBe(0);
    const [pwd, ...env] = result.stdout.trim().split("\n");
    expect(pwd).toBe(job.workspace);
    const names = env.map((line) => line.split("=")[0]).sort();
    expect(names).toEqual(["HEX_HOME", "HOME", "LANG", "LC_ALL", "MIX_ENV", "MIX_HOME", "PATH", "PGHOST", "PWD", "SHLVL", "TERM", "TMPDIR"].filter((n) => env.some((l) => l.startsWith(`${n}=`))).sort());
    expect(env).toContain(`HOME=${job.jobDir}/sandbox/home`);
    expect(env).toContain(`MIX_HOME=${job.jobDir}/sandbox/home/.mix`);
    expect(env).toContain("MIX_ENV=test");
    expect(env).toContain("PGHOST=/nowhere");
  });

  it.skipIf(!IS_ROOT)("never runs PR code as root: a root app drops to the job's own uid", async () => {
    const result = await run("id -u; id -G; grep Cap /proc/self/status");
    const [uid, groups] = result.stdout.split("\n");
    expect(uid).toBe(String(sandbox.enforcement.uid));
    expect(groups).toBe(String(sandbox.enforcement.uid));
    expect(result.stdout).toContain("CapEff:\t0000000000000000");
    expect(result.stdout).toContain("CapBnd:\t0000000000000000");
    // The workspace was handed to that uid, .git was not.
    expect(statSync(join(job.workspace, "lib", "a.ex")).uid).toBe(sandbox.enforcement.uid);
    expect(statSync(join(job.workspace, ".git", "config")).uid).toBe(0);
  });

  it("has a writable workspace and HOME, a private /tmp per run, a read-only .git", async () => {
    const first = await run("echo w > written.txt && echo h > $HOME/h.txt && echo t > /tmp/t.txt && cat /tmp/t.txt");
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe("t\n");
    expect(readFileSync(join(job.workspace, "written.txt"), "utf8")).toBe("w\n");
    expect(existsSync(join(job.jobDir, "sandbox", "home", "h.txt"))).toBe(true);
    expect(existsSync("/tmp/t.txt")).toBe(false);
    const second = await run(`test -e /tmp/t.txt && echo still-there; touch .git/HEAD; grep " ${job.workspace}/.git " /proc/self/mountinfo`);
    expect(second.stdout).not.toContain("still-there");
    expect(second.stderr).toMatch(/cannot touch '.git\/HEAD'/);
    // Defence in depth: not only owned by root, also a read-only mount.
    expect(second.stdout).toMatch(/ ro[, ]/);
  });

  it("passes stdin, exit codes, and decodes a death by signal", async () => {
    const echoed = await sandbox.run({ command: "cat", args: [], cwd: job.workspace, stdin: "from stdin" });
    expect(echoed.stdout).toBe("from stdin");
    expect((await run("exit 7")).exitCode).toBe(7);
    const killed = await run("kill -TERM $$");
    expect(killed.exitCode).toBe(143);
    expect(killed.signal).toBe("SIGTERM");
    const missing = await sandbox.run({ command: "no-such-tool", args: [], cwd: job.workspace });
    expect(missing.exitCode).toBe(127);
  });

  it("runs in a subdirectory of the workspace and refuses a cwd outside it", async () => {
    mkdirSync(join(job.workspace, "apps", "web"), { recursive: true });
    expect((await run("pwd", { cwd: join(job.workspace, "apps", "web") })).stdout.trim()).toBe(join(job.workspace, "apps", "web"));
    await expect(run("pwd", { cwd: "/tmp" })).rejects.toThrow(/outside the sandbox's workspace/);
  });

  it("reports a sandbox that cannot start as an infrastructure error, never as a failing command", async () => {
    const helpers = join(job.jobDir, "helpers");
    mkdirSync(helpers);
    const fragile = await createSandbox("bubblewrap", { workspace: job.workspace, jobDir: job.jobDir, readOnlyPaths: [helpers] });
    rmSync(helpers, { recursive: true });
    // bwrap fails before the command starts (no start marker): not exit 1 of "the project".
    const error = await fragile.run({ command: "true", args: [], cwd: job.workspace }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxUnavailableError);
    expect((error as SandboxUnavailableError).code).toBe("sandbox-start-failed");
    expect((error as SandboxUnavailableError).message).toMatch(/bwrap: .*helpers/);
  });

  it("stops a CPU hog at its CPU-time limit", async () => {
    const result = await run("while :; do :; done", { limits: { cpuSeconds: 1, wallMs: 120_000 } });
    expect(result.timedOut).toBe(false);
    expect(result.signal).toBe("SIGXCPU");
    expect(result.limitHit).toBe("cpu");
  });

  it("says how it enforces limits here", () => {
    expect(sandbox.backend).toBe("bubblewrap");
    expect(["cgroup-v1", "cgroup-v2", "rlimit"]).toContain(sandbox.enforcement.memory);
    expect(["cgroup-v1", "cgroup-v2", "rlimit"]).toContain(sandbox.enforcement.processes);
  });

  it("refuses runs after dispose", async () => {
    const other = await createSandbox("bubblewrap", { workspace: job.workspace, jobDir: job.jobDir });
    await other.dispose();
    await expect(other.run({ command: "true", args: [], cwd: job.workspace })).rejects.toThrow(/dispose/);
  });
});
