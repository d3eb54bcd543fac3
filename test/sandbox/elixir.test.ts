import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type BackendSandbox } from "../../src/sandbox/index.js";
import { copyFixture, type Job, makeJob, SKIP_ELIXIR } from "./helpers.js";

/**
 * The BEAM reserves a lot of virtual memory (a 1 GB literal super carrier alone): RLIMIT_AS would
 * kill it. Both memory mechanisms in use — a memory cgroup, or RLIMIT_DATA where none is writable —
 * must let real Elixir work while still stopping a real runaway allocation.
 */
describe.skipIf(SKIP_ELIXIR).each([
  { mode: "cgroups where writable", cgroups: true },
  { mode: "rlimits only", cgroups: false },
] as const)("Elixir inside the sandbox ($mode)", ({ cgroups }) => {
  let job: Job;
  let sandbox: BackendSandbox;
  const hostMix = join(homedir(), ".mix");
  const hostMixBefore = existsSync(hostMix);
  beforeAll(async () => {
    job = makeJob();
    copyFixture("hello_mix", job.workspace);
    sandbox = await createSandbox("bubblewrap", { workspace: job.workspace, jobDir: job.jobDir, cgroups, limits: { memoryBytes: 768 * 1024 ** 2 } });
  });
  afterAll(async () => {
    await sandbox?.dispose();
    job?.cleanup();
  });

  it("runs `elixir -e` under a 768 MiB memory limit", async () => {
    const result = await sandbox.run({ command: "elixir", args: ["-e", "IO.puts(1 + 1)"], cwd: job.workspace });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("2\n");
  });

  it("compiles a project with `mix compile`, MIX_HOME inside the job", async () => {
    const result = await sandbox.run({ command: "mix", args: ["compile"], cwd: job.workspace, env: { MIX_ENV: "test" }, limits: { wallMs: 180_000 } });
    expect(result.exitCode).toBe(0);
    expect(readdirSync(join(job.workspace, "_build", "test", "lib", "hello", "ebin"))).toContain("Elixir.Hello.beam");
    const formatted = await sandbox.run({ command: "mix", args: ["format", "--check-formatted"], cwd: job.workspace });
    expect(formatted.exitCode).toBe(0);
    // Nothing of mix landed in the app's own HOME.
    expect(existsSync(hostMix)).toBe(hostMixBefore);
  });

  it("stops a BEAM that allocates past the limit", async () => {
    const result = await sandbox.run({ command: "elixir", args: ["-e", "b = :binary.copy(<<1>>, 2_000_000_000); IO.puts(byte_size(b))"], cwd: job.workspace });
    expect(result.stdout).not.toContain("2000000000");
    expect(result.exitCode).not.toBe(0);
    if (sandbox.enforcement.memory.startsWith("cgroup")) expect(result.limitHit).toBe("memory");
  });
});
