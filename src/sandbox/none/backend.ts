import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { hostSecrets } from "../env.js";
import { prepareRun } from "../prepare.js";
import { runProcess } from "../process/run.js";
import { toRunResult } from "../result.js";
import type { BackendSandbox, Enforcement, RunRequest, RunResult, Sandbox, SandboxOptions } from "../types.js";
import { which } from "../which.js";

/**
 * No isolation: the command runs directly, as the app's user, with the host's files and network.
 * What remains: the allowlisted environment (no secrets), a HOME inside the job directory, the
 * wall clock, the output cap, and killing the process group. Only ever chosen explicitly.
 */
export async function createNoneSandbox(options: SandboxOptions): Promise<BackendSandbox> {
  const home = join(resolve(options.jobDir), "sandbox", "home");
  const tmp = join(resolve(options.jobDir), "sandbox", "tmp");
  await mkdir(home, { recursive: true });
  await mkdir(tmp, { recursive: true });
  return new NoneSandbox(options, home, tmp);
}

class NoneSandbox implements Sandbox {
  readonly backend = "none" as const;
  readonly enforcement: Enforcement = { memory: "none", processes: "none", uid: null };
  private readonly secrets = hostSecrets();
  private disposed = false;

  constructor(
    private readonly options: SandboxOptions,
    private readonly home: string,
    private readonly tmp: string,
  ) {}

  async run(request: RunRequest): Promise<RunResult> {
    if (this.disposed) throw new Error("sandbox: run() after dispose()");
    const { cwd, limits, env } = prepareRun(this.options, request, { workspace: this.options.workspace, home: this.home, tmp: this.tmp, secrets: this.secrets });
    const command = request.command.includes("/") ? which(resolve(cwd, request.command), undefined) : which(request.command, env.PATH);
    if (!command) return notFound(request.command);
    const outcome = await runProcess({
      argv: [command, ...request.args],
      cwd,
      env,
      ...(request.stdin !== undefined ? { stdin: request.stdin } : {}),
      wallMs: limits.wallMs,
      outputBytes: limits.outputBytes,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    return toRunResult(outcome, { decodeStatus: false });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/** Same shape as a shell's answer (and bubblewrap's): exit 127. */
function notFound(command: string): RunResult {
  return {
    exitCode: 127,
    signal: null,
    stdout: "",
    stderr: `${command}: command not found\n`,
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: 0,
    timedOut: false,
    aborted: false,
    limitHit: null,
  };
}
