import type { NetworkMode, RunResult } from "../sandbox/types.js";
import { tailLines } from "./text/ansi.js";
import type { StepContext } from "./types.js";

export interface StepRun {
  result: RunResult;
  /** stdout then stderr, as captured (may contain ANSI). */
  output: string;
  /** Set when the command could not run to completion for reasons that are not the code's fault. */
  infra?: string;
}

export interface RunOptions {
  network?: NetworkMode;
  env?: Record<string, string>;
  /** Host path; defaults to the workspace root. */
  cwd?: string;
  stdin?: string;
}

/** Runs one command of a step in the sandbox, within what is left of the step's time budget. */
export async function runTool(
  ctx: StepContext,
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<StepRun> {
  const wallMs = Math.max(1_000, ctx.deadline - Date.now());
  const result = await ctx.sandbox.run({
    command,
    args,
    cwd: options.cwd ?? ctx.workspace.root,
    env: { ...ctx.env, ...options.env },
    network: options.network ?? "none",
    limits: { wallMs },
    signal: ctx.signal,
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
  });
  const output = joinOutput(result);
  const infra = infraFailure(command, result, wallMs);
  return infra ? { result, output, infra } : { result, output };
}

export function joinOutput(result: Pick<RunResult, "stdout" | "stderr">): string {
  if (!result.stderr) return result.stdout;
  if (!result.stdout) return result.stderr;
  return `${result.stdout}${result.stdout.endsWith("\n") ? "" : "\n"}${result.stderr}`;
}

/** Why a run says nothing about the code: cancelled, timed out, a limit, a missing tool, a signal. */
export function infraFailure(command: string, result: RunResult, wallMs: number): string | undefined {
  if (result.aborted) return "cancelled";
  if (result.timedOut) return `timed out after ${Math.round(wallMs / 1000)} s`;
  if (result.limitHit) return `stopped at the sandbox's ${result.limitHit} limit`;
  const notFound = /execvp .*: No such file or directory|command not found|spawn \S+ ENOENT/i.test(result.stderr);
  if (result.exitCode === 127 || (notFound && result.exitCode !== 0)) return `\`${command}\` is not available in the sandbox`;
  if (result.exitCode === null) return `killed by ${result.signal ?? "a signal"}: ${tailLines(result.stderr, 3)}`.trim();
  return undefined;
}

/** Mentions truncated output, which parsers see only in part. */
export function truncationNote(result: RunResult): string | undefined {
  if (!result.stdoutTruncated && !result.stderrTruncated) return undefined;
  return "output was truncated at the sandbox's limit; results may be incomplete";
}
