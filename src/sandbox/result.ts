import { constants } from "node:os";
import type { ProcessOutcome } from "./process/run.js";
import type { LimitHit, RunResult } from "./types.js";

const NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, number]) => [number, name]));

/** bwrap (like a shell) reports a command killed by signal N as exit status 128 + N. */
export function signalFromStatus(exitCode: number | null): string | null {
  if (exitCode === null || exitCode <= 128 || exitCode > 128 + 64) return null;
  return NAMES.get(exitCode - 128) ?? null;
}

export interface ResultOptions {
  /** Decode 128+N exit statuses into `signal` (sandboxes that wrap the command). */
  decodeStatus: boolean;
  hits?: { memory: boolean; processes: boolean };
}

export function toRunResult(outcome: ProcessOutcome, options: ResultOptions): RunResult {
  const signal = outcome.signal ?? (options.decodeStatus ? signalFromStatus(outcome.exitCode) : null);
  const failed = outcome.exitCode !== 0 || signal !== null || outcome.timedOut;
  let limitHit: LimitHit | null = null;
  if (outcome.outputCapHit) limitHit = "output";
  else if (failed && options.hits?.memory) limitHit = "memory";
  else if (failed && options.hits?.processes) limitHit = "processes";
  else if (signal === "SIGXCPU") limitHit = "cpu";
  return {
    exitCode: outcome.exitCode,
    signal,
    stdout: outcome.stdout.text(),
    stderr: outcome.stderr.text(),
    stdoutTruncated: outcome.stdout.truncated,
    stderrTruncated: outcome.stderr.truncated,
    durationMs: outcome.durationMs,
    timedOut: outcome.timedOut,
    aborted: outcome.aborted,
    limitHit,
  };
}
