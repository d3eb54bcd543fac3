import { execFileSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { detectCgroups } from "../../src/sandbox/cgroup/detect.js";
import { createSandbox, type BackendSandbox } from "../../src/sandbox/index.js";
import { hostProcessesMatching, hostProcessesOf, IS_ROOT, type Job, makeJob, SKIP_BWRAP } from "./helpers.js";

/**
 * Hostile commands inside real bubblewrap. Each attempt must fail, the run must report cleanly
 * (a result, never a throw), and the host must be untouched afterwards.
 */
/** With cgroups (hard totals) and without (the rlimit fallback a non-root app gets). */
const MODES = [
  { mode: "cgroups where writable", cgroups: true },
  { mode: "rlimits only", cgroups: false },
] as const;

describe.skipIf(SKIP_BWRAP).each(MODES)("escape suite (bubblewrap, $mode)", ({ cgroups }) => {
  let job: Job;
  let sandbox: BackendSandbox;

  beforeAll(async () => {
    job = makeJob();
    sandbox = await createSandbox("bubblewrap", { workspace: job.workspace, jobDir: job.jobDir, cgroups });
  });
  afterAll(async () => {
    await sandbox?.dispose();
    job?.cleanup();
  });
  afterEach(async () => {
    // Nothing of any run outlives it: no process of the sandbox uid, no leftover cgroup.
    if (IS_ROOT && sandbox.enforcement.uid !== null) expect(hostProcessesOf(sandbox.enforcement.uid)).toEqual([]);
    if (!cgroups) expect(sandbox.enforcement).toMatchObject({ memory: "rlimit", processes: "rlimit" });
    for (const home of Object.values(await detectCgroups())) {
      expect(readdirSync(home.dir).filter((name) => name.startsWith(`elixir-agent-${process.pid}-`))).toEqual([]);
    }
  });

  const sh = (script: string, extra: Partial<Parameters<BackendSandbox["run"]>[0]> = {}) =>
    sandbox.run({ command: "bash", args: ["-c", script], cwd: job.workspace, ...extra });

  describe("network", () => {
    let server: Server;
    let port = 0;
    let connections = 0;
    beforeAll(async () => {
      server = createServer((socket) => {
        connections++;
        socket.end("hello from the host\n");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("cannot open a TCP connection to a port the host listens on over 127.0.0.1", async () => {
      connections = 0;
      const result = await sh(`exec 3<>/dev/tcp/127.0.0.1/${port} && echo CONNECTED && cat <&3`);
      expect(result.stdout).not.toContain("CONNECTED");
      expect(result.exitCode).not.toBe(0);
      expect(result.timedOut).toBe(false);
      expect(connections).toBe(0);
    });

    it("reaches the same port in the deps phase (the test above can fail)", async () => {
      connections = 0;
      const result = await sh(`exec 3<>/dev/tcp/127.0.0.1/${port} && echo CONNECTED && cat <&3`, { network: "deps" });
      expect(result.stdout).toContain("CONNECTED");
      expect(result.stdout).toContain("hello from the host");
      expect(connections).toBe(1);
    });

    it("cannot resolve names or send a datagram to a resolver on the host", async () => {
      const resolver = createSocket("udp4");
      const received: string[] = [];
      const controlArrived = new Promise<void>((resolve) =>
        resolver.on("message", (message) => {
          received.push(message.toString().trim());
          if (message.toString().includes("from-deps")) resolve();
        }),
      );
      await new Promise<void>((resolve) => resolver.bind(0, "127.0.0.1", resolve));
      const udpPort = resolver.address().port;
      try {
        const result = await sh(
          `test -e /etc/resolv.conf && echo HAS-RESOLV; getent hosts example.com && echo RESOLVED; echo from-none > /dev/udp/127.0.0.1/${udpPort}; true`,
        );
        expect(result.exitCode).toBe(0);
        expect(result.stdout).not.toMatch(/HAS-RESOLV|RESOLVED/);
        // Control: with the network (deps phase) the same datagram arrives, after the first one would have.
        const control = await sh(`echo from-deps > /dev/udp/127.0.0.1/${udpPort} && echo SENT`, { network: "deps" });
        expect(control.stdout).toContain("SENT");
        await controlArrived;
        expect(received).toEqual(["from-deps"]);
      } finally {
        resolver.close();
      }
    });
  });

  describe("secrets", () => {
    const canaries = {
      GITHUB_TOKEN: "ghs_canaryGithubToken000000000000000000",
      ANTHROPIC_API_KEY: "sk-ant-canary-0000000000000000000000",
      PRIVATE_KEY: "-----BEGIN CANARY PRIVATE KEY-----",
      EA_CANARY_PLAIN: "canary-plain-value-not-named-secret",
    };
    const saved: Record<string, string | undefined> = {};
    let planted: BackendSandbox;
    beforeAll(async () => {
      for (const [name, value] of Object.entries(canaries)) {
        saved[name] = process.env[name];
        process.env[name] = value;
      }
      // A sandbox created while the app's environment holds the secrets.
      planted = await createSandbox("bubblewrap", { workspace: job.workspace, jobDir: job.jobDir, cgroups });
    });
    afterAll(() => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    it("are in neither the child's environment nor /proc/1/environ nor any process's", async () => {
      const result = await planted.run({
        command: "bash",
        args: ["-c", "env; echo ---; tr '\\0' '\\n' < /proc/self/environ; echo ---; tr '\\0' '\\n' < /proc/1/environ; echo ---; for p in /proc/[0-9]*; do tr '\\0' '\\n' < $p/environ; tr '\\0' ' ' < $p/cmdline; done 2>/dev/null; true"],
        cwd: job.workspace,
      });
      expect(result.exitCode).toBe(0);
      // The files were really read: the sandbox's own variables are there.
      expect(result.stdout).toContain(`HOME=${job.jobDir}/sandbox/home`);
      for (const value of Object.values(canaries)) {
        expect(result.stdout).not.toContain(value);
        expect(result.stderr).not.toContain(value);
      }
      expect(result.stdout).not.toMatch(/GITHUB_TOKEN|ANTHROPIC_API_KEY|EA_CANARY_PLAIN/);
    });

    it("cannot be passed in by mistake either", async () => {
      await expect(planted.run({ command: "true", args: [], cwd: job.workspace, env: { MIX_ENV: canaries.GITHUB_TOKEN } })).rejects.toThrow(/secret/);
      await expect(planted.run({ command: "true", args: [], cwd: job.workspace, env: { GITHUB_TOKEN: "x" } })).rejects.toThrow(/allowlist/);
    });
  });

  it("cannot write outside the workspace: /usr, the app's directory, the cache, .git", async () => {
    const cache = mkdtempSync(join(tmpdir(), "ea-cache-"));
    writeFileSync(join(cache, "entry"), "original");
    const appFile = join(process.cwd(), "ea-escape-canary");
    const gitConfig = readFileSync(join(job.workspace, ".git", "config"), "utf8");
    try {
      const result = await sh(
        [
          "touch /usr/ea-escape-canary || echo denied:usr",
          `touch ${appFile} || echo denied:app`,
          `echo evil > ${cache}/entry || echo denied:cache-write`,
          `touch ${cache}/new || echo denied:cache-new`,
          "echo evil >> .git/config || echo denied:git",
          "echo root::0:0::/:/bin/sh >> /etc/passwd || echo denied:etc",
          "echo ok > inside.txt && echo wrote:workspace",
        ].join("; "),
      );
      expect(result.exitCode).toBe(0);
      for (const target of ["usr", "app", "cache-write", "cache-new", "git", "etc"]) expect(result.stdout).toContain(`denied:${target}`);
      expect(result.stdout).toContain("wrote:workspace");
      expect(existsSync("/usr/ea-escape-canary")).toBe(false);
      expect(existsSync(appFile)).toBe(false);
      expect(readFileSync(join(cache, "entry"), "utf8")).toBe("original");
      expect(existsSync(join(cache, "new"))).toBe(false);
      expect(readFileSync(join(job.workspace, ".git", "config"), "utf8")).toBe(gitConfig);
      expect(readFileSync(join(job.workspace, "inside.txt"), "utf8")).toBe("ok\n");
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it("stops a fork bomb at the process limit", async () => {
    // Counts how many children it can hold at once: bounded by the limit, not by the host.
    const counted = await sandbox.run({
      command: "perl",
      args: ["-e", 'my $n = 0; for (1..5000) { my $p = fork(); last unless defined $p; if ($p == 0) { sleep 60; exit 0 } $n++ } print "forked $n\\n";'],
      cwd: job.workspace,
      limits: { processes: 64, wallMs: 30_000 },
    });
    const forked = Number(/forked (\d+)/.exec(counted.stdout)?.[1]);
    expect(forked).toBeGreaterThan(0);
    expect(forked).toBeLessThan(64);

    const bomb = await sh(":(){ :|:& };:; sleep 600", { limits: { processes: 64, wallMs: 3_000 } });
    expect(bomb.timedOut).toBe(true);
    expect(bomb.exitCode).toBeNull();
    if (sandbox.enforcement.processes.startsWith("cgroup")) expect(bomb.limitHit).toBe("processes");
    // The host still forks.
    expect(execFileSync("/bin/echo", ["alive"], { encoding: "utf8" })).toBe("alive\n");
  });

  it("stops a 10 GB allocation at the memory limit", async () => {
    const result = await sandbox.run({
      command: "perl",
      args: ["-e", '$x = "x" x (10 * 1024**3); print "allocated\\n";'],
      cwd: job.workspace,
      limits: { memoryBytes: 256 * 1024 ** 2, wallMs: 60_000 },
    });
    expect(result.stdout).not.toContain("allocated");
    expect(result.exitCode).not.toBe(0);
    expect(result.timedOut).toBe(false);
    if (sandbox.enforcement.memory.startsWith("cgroup")) {
      expect(result.limitHit).toBe("memory");
      expect(result.signal).toBe("SIGKILL");
    }
  });

  it("kills a command that sleeps forever at the wall clock", async () => {
    const result = await sandbox.run({ command: "sleep", args: ["86399.5"], cwd: job.workspace, limits: { wallMs: 1_500 } });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe("SIGKILL");
    expect(hostProcessesMatching("86399.5")).toEqual([]);
  });

  it("caps 1 GB of output and kills the writer instead of buffering it", async () => {
    const result = await sandbox.run({ command: "head", args: ["-c", String(1024 ** 3), "/dev/zero"], cwd: job.workspace, limits: { outputBytes: 1024 ** 2 } });
    expect(result.stdoutTruncated).toBe(true);
    expect(result.stdout.length).toBe(1024 ** 2);
    expect(result.limitHit).toBe("output");
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe("SIGKILL");
    expect(hostProcessesMatching(String(1024 ** 3))).toEqual([]);
  });

  it("kills background processes left behind when the command exits", async () => {
    const result = await sh("sleep 86398.5 & setsid sleep 86397.5 & nohup sleep 86396.5 >/dev/null 2>&1 & (sleep 86395.5; echo late > late.txt) & echo started");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe("started\n");
    for (const marker of ["86398.5", "86397.5", "86396.5", "86395.5"]) expect(hostProcessesMatching(marker)).toEqual([]);
  });
});
