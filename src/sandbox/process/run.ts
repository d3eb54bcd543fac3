import { spawn } from "node:child_process";
import { CappedBuffer } from "./capture.js";
import { killGroup } from "./kill.js";

export interface ProcessPlan {
  /** argv[0] is an absolute path: the process starts with `env` only (normally empty). */
  argv: readonly string[];
  cwd: string;
  env: Record<string, string>;
  stdin?: string;
  wallMs: number;
  outputBytes: number;
  signal?: AbortSignal;
  /**
   * When set, fd 3 is a pipe and the run only counts as started once the child wrote this marker
   * there (the sandbox writes it after its setup, right before exec'ing the command).
   */
  startMarker?: string;
  /** When set (with `startMarker`), fd 4 is a pipe too; its text ends up in `status` (bwrap's --json-status-fd). */
  statusPipe?: boolean;
  /** Extra teardown when the run is killed (docker kill, cgroup sweep). */
  onKill?: () => Promise<void>;
}

export interface ProcessOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: CappedBuffer;
  stderr: CappedBuffer;
  durationMs: number;
  timedOut: boolean;
  aborted: boolean;
  outputCapHit: boolean;
  /** False when a start marker was expected and never arrived (the sandbox itself failed). */
  started: boolean;
  /** What was written to fd 4 (first 4 KiB). */
  status: string;
}

/** How long to wait for pipes to close after the main process exited and its group was killed. */
const DRAIN_MS = 2_000;

/**
 * Runs one process with a wall clock, an abort signal and capped output. Whatever stops it (time,
 * abort, output cap), the whole process group is SIGKILLed, and after a normal exit the group is
 * killed too, so nothing started by the command outlives the run.
 */
export function runProcess(plan: ProcessPlan): Promise<ProcessOutcome> {
  const started = performance.now();
  const stdout = new CappedBuffer(plan.outputBytes);
  const stderr = new CappedBuffer(plan.outputBytes);
  if (plan.signal?.aborted) {
    return Promise.resolve(outcome({ stdout, stderr, started, aborted: true, startedOk: false }));
  }
  return new Promise((resolve, reject) => {
    const stdio: Array<"pipe" | "ignore"> = [plan.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"];
    if (plan.startMarker !== undefined) stdio.push("pipe");
    if (plan.startMarker !== undefined && plan.statusPipe) stdio.push("pipe");
    const child = spawn(plan.argv[0] as string, plan.argv.slice(1), { cwd: plan.cwd, env: plan.env, stdio, detached: true });

    let timedOut = false;
    let aborted = false;
    let outputCapHit = false;
    let killing: Promise<void> | undefined;
    let marker = "";
    const kill = () => {
      killGroup(child.pid);
      killing ??= plan.onKill?.().catch(() => undefined) ?? Promise.resolve();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, plan.wallMs);
    const onAbort = () => {
      aborted = true;
      kill();
    };
    plan.signal?.addEventListener("abort", onAbort, { once: true });

    child.stdout?.on("data", (chunk: Buffer) => {
      if (!stdout.push(chunk) && !outputCapHit) {
        outputCapHit = true;
        kill();
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (!stderr.push(chunk) && !outputCapHit) {
        outputCapHit = true;
        kill();
      }
    });
    const markerPipe = child.stdio[3];
    markerPipe?.on("data", (chunk: Buffer) => {
      if (marker.length < 64) marker += chunk.toString("utf8");
    });
    markerPipe?.on("error", () => undefined);
    let status = "";
    const statusPipe = child.stdio[4];
    statusPipe?.on("data", (chunk: Buffer) => {
      if (status.length < 4096) status += chunk.toString("utf8");
    });
    statusPipe?.on("error", () => undefined);
    if (plan.stdin !== undefined && child.stdin) {
      child.stdin.on("error", () => undefined);
      child.stdin.end(plan.stdin);
    }

    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    child.on("exit", (code, signal) => {
      exit = { code, signal };
      killGroup(child.pid);
      // A detached grandchild may still hold the pipes: stop waiting for it.
      drainTimer = setTimeout(() => {
        for (const stream of child.stdio) stream?.destroy();
      }, DRAIN_MS);
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      plan.signal?.removeEventListener("abort", onAbort);
      reject(error);
    });
    child.on("close", async () => {
      clearTimeout(timer);
      if (drainTimer) clearTimeout(drainTimer);
      plan.signal?.removeEventListener("abort", onAbort);
      if (killing) await killing;
      const startedOk = plan.startMarker === undefined || marker.startsWith(plan.startMarker);
      resolve(
        outcome({ stdout, stderr, started, aborted, startedOk, timedOut, outputCapHit, status, exitCode: exit?.code ?? null, signal: exit?.signal ?? null }),
      );
    });
  });
}

function outcome(parts: {
  stdout: CappedBuffer;
  stderr: CappedBuffer;
  started: number;
  aborted: boolean;
  startedOk: boolean;
  timedOut?: boolean;
  outputCapHit?: boolean;
  exitCode?: number | null;
  signal?: NodeJS.Signals | null;
  status?: string;
}): ProcessOutcome {
  return {
    exitCode: parts.exitCode ?? null,
    signal: parts.signal ?? null,
    stdout: parts.stdout,
    stderr: parts.stderr,
    durationMs: Math.round(performance.now() - parts.started),
    timedOut: parts.timedOut ?? false,
    aborted: parts.aborted,
    outputCapHit: parts.outputCapHit ?? false,
    started: parts.startedOk,
    status: parts.status ?? "",
  };
}
