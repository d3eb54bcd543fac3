import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classifyBwrapFailure } from "../../src/sandbox/bubblewrap/probe.js";
import { createSandbox, resolveBackend, SandboxUnavailableError, startPostgres } from "../../src/sandbox/index.js";
import { which } from "../../src/sandbox/which.js";
import { HAVE_BWRAP, makeJob, SKIP_BWRAP } from "./helpers.js";

/** A PATH holding only links to the given host tools (a host where the others are missing). */
const dirs: string[] = [];
function hostPathWith(tools: readonly string[], extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "ea-path-"));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  for (const tool of tools) {
    const real = which(tool, process.env.PATH);
    if (real) symlinkSync(real, join(dir, tool));
  }
  for (const [name, script] of Object.entries(extra)) {
    writeFileSync(join(dir, name), script, { mode: 0o755 });
  }
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<SandboxUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SandboxUnavailableError);
  return error as SandboxUnavailableError;
}

describe("errors users see", () => {
  it("bubblewrap missing: says so and how to install it", async () => {
    const hostPath = hostPathWith(["sh", "prlimit", "setpriv"]);
    const error = await failure(resolveBackend("bubblewrap", { hostPath }));
    expect(error.code).toBe("bwrap-missing");
    expect(error.message).toMatch(/bubblewrap .* not installed/);
    expect(error.fix).toContain("apt-get install bubblewrap");
    expect(error.fix).toContain("ELIXIR_AGENT_SANDBOX=docker");
  });

  it("auto without bubblewrap and without Docker reports the bubblewrap problem on Linux", async () => {
    const error = await failure(resolveBackend("auto", { hostPath: hostPathWith(["sh", "prlimit", "setpriv"]), platform: "linux" }));
    expect(error.code).toBe("bwrap-missing");
  });

  it("util-linux missing: names the tool and the package", async () => {
    const error = await failure(resolveBackend("bubblewrap", { hostPath: hostPathWith(["sh", "bwrap", "prlimit"]) }));
    expect(error.code).toBe("util-missing");
    expect(error.message).toContain("setpriv");
    expect(error.fix).toContain("util-linux");
  });

  it.skipIf(SKIP_BWRAP)("user namespaces not permitted: a real bwrap that the kernel refuses", async () => {
    // `unshare --user` without a uid map: bwrap inside cannot create its namespace, exactly as on a
    // host with kernel.unprivileged_userns_clone=0.
    const hostPath = hostPathWith(["sh", "prlimit", "setpriv"], { bwrap: `#!/bin/sh\nexec /usr/bin/unshare --user ${which("bwrap", process.env.PATH) ?? "/usr/bin/bwrap"} "$@"\n` });
    const error = await failure(resolveBackend("bubblewrap", { hostPath }));
    expect(error.code).toBe("userns-denied");
    expect(error.message).toMatch(/user namespaces/);
    expect(error.fix).toMatch(/max_user_namespaces|unprivileged_userns_clone/);
  });

  it("classifies bwrap's own words", () => {
    expect(classifyBwrapFailure("bwrap: setting up uid map: Permission denied").code).toBe("userns-denied");
    expect(classifyBwrapFailure("bwrap: Creating new namespace failed: nesting depth or /proc/sys/user/max_*_namespaces exceeded (ENOSPC)").code).toBe("userns-denied");
    expect(classifyBwrapFailure("bwrap: Can't mount tmpfs on /newroot: No space left").code).toBe("bwrap-failed");
  });

  it("bubblewrap on a non-Linux host", async () => {
    const error = await failure(resolveBackend("bubblewrap", { platform: "darwin" }));
    expect(error.code).toBe("unsupported-platform");
    expect(error.fix).toContain("docker");
  });

  // These machines have the docker CLI and no daemon: the real "not running" answer.
  it.skipIf(!which("docker", process.env.PATH))("Docker not running: the real CLI without a daemon", async () => {
    const error = await failure(resolveBackend("docker", { hostPath: process.env.PATH ?? "" }));
    expect(error.code).toBe("docker-not-running");
    expect(error.message).toMatch(/daemon is not reachable/);
    expect(error.fix).toContain("systemctl start docker");
    const job = makeJob();
    try {
      expect((await failure(createSandbox("docker", { workspace: job.workspace, jobDir: job.jobDir }))).code).toBe("docker-not-running");
      expect((await failure(startPostgres({ jobDir: job.jobDir, backend: "docker" }))).code).toBe("docker-not-running");
    } finally {
      job.cleanup();
    }
  });

  it("Docker CLI missing", async () => {
    const error = await failure(resolveBackend("docker", { hostPath: hostPathWith(["sh"]) }));
    expect(error.code).toBe("docker-missing");
    expect(error.fix).toContain("docs.docker.com");
  });

  it("PostgreSQL binaries missing: where they were looked for and what to install", async () => {
    const job = makeJob();
    try {
      const error = await failure(startPostgres({ jobDir: job.jobDir, binDir: join(job.jobDir, "no-postgres", "bin") }));
      expect(error.code).toBe("postgres-missing");
      expect(error.message).toContain("no-postgres/bin");
      expect(error.message).toContain("`initdb`");
      expect(error.fix).toContain("apt-get install postgresql-15");
    } finally {
      job.cleanup();
    }
  });

  it("the app refuses `none`; the CLI accepts it with the warning", async () => {
    const refused = await failure(resolveBackend("none", { context: "app" }));
    expect(refused.code).toBe("none-refused");
    expect(refused.fix).toContain("ELIXIR_AGENT_SANDBOX=auto");
    expect(await resolveBackend("none", { context: "app", allowNone: true })).toMatchObject({ backend: "none" });
    const cli = await resolveBackend("none", { context: "cli" });
    expect(cli.backend).toBe("none");
    expect(cli.warning).toContain("NO SANDBOX");
  });

  it.skipIf(!HAVE_BWRAP)("auto picks bubblewrap where it works, without a warning", async () => {
    expect(await resolveBackend("auto", { platform: "linux" })).toEqual({ backend: "bubblewrap" });
  });
});
