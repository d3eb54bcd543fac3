import { type CgroupHomes, detectCgroups } from "../cgroup/detect.js";
import { RunCgroup } from "../cgroup/group.js";
import { hostSecrets } from "../env.js";
import { sandboxStartFailed } from "../errors.js";
import { launcherArgv } from "../launcher.js";
import { tmpBytes } from "../limits.js";
import { assertReachable } from "../own.js";
import { type PreparedJob, prepareJob, prepareRun } from "../prepare.js";
import { runProcess } from "../process/run.js";
import { toRunResult } from "../result.js";
import type { BackendSandbox, Enforcement, RunRequest, RunResult, Sandbox, SandboxOptions } from "../types.js";
import { bwrapArgs, START_MARKER, withStartMarker } from "./args.js";
import { type BwrapHost, probeBubblewrap } from "./probe.js";
import { childPidFromStatus, waitNamespaceGone } from "./reap.js";

const NPROC_SLACK = 16;

/** Creates the bubblewrap sandbox of one job: probes the host, hands the workspace to the sandbox uid. */
export async function createBubblewrapSandbox(options: SandboxOptions): Promise<BackendSandbox> {
  const host = await probeBubblewrap(options.hostPath ?? process.env.PATH);
  const job = await prepareJob(options);
  const readOnly = [...(options.readOnlyPaths ?? []), ...(options.services ?? []).flatMap((s) => s.bindPaths)];
  for (const path of [job.workspace, ...readOnly, ...(options.writablePaths ?? [])]) await assertReachable(path, job.identity);
  const homes = options.cgroups === false ? {} : await detectCgroups();
  return new BubblewrapSandbox(options, host, job, homes, readOnly);
}

class BubblewrapSandbox implements Sandbox {
  readonly backend = "bubblewrap" as const;
  readonly enforcement: Enforcement;
  private readonly secrets = hostSecrets();
  private disposed = false;

  constructor(
    private readonly options: SandboxOptions,
    private readonly host: BwrapHost,
    private readonly job: PreparedJob,
    private readonly homes: CgroupHomes,
    private readonly readOnly: readonly string[],
  ) {
    const cg = (c: "memory" | "pids") => (homes[c] ? (`cgroup-v${homes[c].version}` as const) : ("rlimit" as const));
    this.enforcement = { memory: cg("memory"), processes: cg("pids"), uid: job.identity.switchUser ? job.identity.uid : null };
  }

  async run(request: RunRequest): Promise<RunResult> {
    if (this.disposed) throw new Error("sandbox: run() after dispose()");
    const { workspace, gitDir, layout, identity } = this.job;
    const { cwd, limits, env } = prepareRun(this.options, request, { workspace, home: layout.home, secrets: this.secrets });

    const group = RunCgroup.create(this.homes, { memoryBytes: limits.memoryBytes, processes: limits.processes, ...(limits.cpus !== undefined ? { cpus: limits.cpus } : {}) });
    const memoryByCgroup = group?.controllers.includes("memory") ?? false;
    // With a pids cgroup the exact limit is counted there (and a hit is visible in pids.events);
    // RLIMIT_NPROC, checked first by the kernel, stays a slightly looser backstop.
    const nproc = group?.controllers.includes("pids") ? limits.processes + NPROC_SLACK : limits.processes;
    const inner = bwrapArgs({
      bwrap: this.host.bwrap,
      network: request.network ?? "none",
      rootLinks: this.host.rootLinks,
      rootDirs: this.host.rootDirs,
      etcFiles: layout.etcFiles,
      workspace,
      ...(gitDir ? { gitDir } : {}),
      home: layout.home,
      tmpBytes: tmpBytes(limits),
      readOnlyPaths: this.readOnly,
      writablePaths: this.options.writablePaths ?? [],
      cwd,
      env,
      command: withStartMarker("/bin/sh", request.command, request.args),
      // Without a cgroup, bwrap's status names the sandbox's pid 1, to wait for its namespace.
      ...(group ? {} : { statusFd: 4 }),
    });
    const argv = launcherArgv(
      {
        tools: this.host.tools,
        cgroupProcs: group?.procsFiles ?? [],
        rlimits: { processes: nproc, cpuSeconds: limits.cpuSeconds, ...(memoryByCgroup ? {} : { dataBytes: limits.memoryBytes }) },
        identity,
        commandDiesWithParent: true,
      },
      inner,
    );
    try {
      const outcome = await runProcess({
        argv,
        cwd: "/",
        env: {},
        ...(request.stdin !== undefined ? { stdin: request.stdin } : {}),
        wallMs: limits.wallMs,
        outputBytes: limits.outputBytes,
        ...(request.signal ? { signal: request.signal } : {}),
        startMarker: START_MARKER,
        statusPipe: !group,
        ...(group ? { onKill: () => group.killAll() } : {}),
      });
      if (!outcome.started && !outcome.aborted && !outcome.timedOut) {
        const detail = outcome.stderr.text().trim().split("\n")[0] || `exit ${outcome.exitCode ?? outcome.signal}`;
        throw sandboxStartFailed("bubblewrap", detail);
      }
      // Every process of the run is in its cgroup: emptying it (remove) waits for all of them.
      // Without one, wait for the pid namespace to be torn down.
      if (group) await group.killAll();
      else await waitNamespaceGone(childPidFromStatus(outcome.status));
      const hits = group?.hits();
      return toRunResult(outcome, { decodeStatus: true, ...(hits ? { hits } : {}) });
    } finally {
      await group?.remove();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
