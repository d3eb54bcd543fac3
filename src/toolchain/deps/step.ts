import { runTool, type StepRun } from "../exec.js";
import { outcome } from "../result.js";
import { lines } from "../text/ansi.js";
import { classifyMixError, DEPENDENCY_KINDS, lastWords } from "../text/mix-errors.js";
import type { StepContext, StepResult, ToolStep } from "../types.js";

/** Hex dependencies: a version requirement string in a dep tuple, or a `:hex` entry in the lock. */
export function usesHex(mixTexts: readonly string[], lock: string | undefined): boolean {
  if (lock && /:\s*\{:hex,/.test(lock)) return true;
  return mixTexts.some((t) => /\{\s*:\w+\s*,\s*"[~>=<\d]/.test(t) || /\bhex:\s*:/.test(t));
}

/**
 * `mix deps.get` — the only step with network access (`network: "deps"`). Hex and rebar are
 * installed first when the project has Hex dependencies (with `--if-missing`, a cached MIX_HOME
 * needs no network). Anything that keeps dependencies from being fetched makes the step not run,
 * and every step that needs dependencies is then skipped as "dependencies unavailable".
 */
export const depsStep: ToolStep = {
  id: "deps",
  title: "Dependencies",
  needs: [],
  defaultTimeoutSeconds: 600,
  async run(ctx: StepContext): Promise<StepResult> {
    const started = Date.now();
    const command = "mix deps.get";
    const deps = { network: "deps" as const };
    if (ctx.facts.usesHex) {
      for (const tool of ["local.hex", "local.rebar"]) {
        const run = await runTool(ctx, "mix", [tool, "--force", "--if-missing"], deps);
        const failure = failed(run);
        if (failure) return outcome("deps", "not_run", `dependencies unavailable: ${tool === "local.hex" ? "Hex" : "rebar"} could not be installed (${failure})`, started, command);
      }
    }
    const run = await runTool(ctx, "mix", ["deps.get"], deps);
    const failure = failed(run);
    if (failure) {
      const mix = classifyMixError(run.output);
      const prefix = mix && !DEPENDENCY_KINDS.has(mix.kind) && mix.kind !== "mix-error" ? "" : "dependencies unavailable: ";
      return outcome("deps", "not_run", `${prefix}${failure}`, started, command);
    }
    const fetched = lines(run.output).filter((l) => /^\* (Getting|Updating) /.test(l)).length;
    return {
      id: "deps",
      status: "passed",
      reason: fetched > 0 ? `${fetched} dependenc${fetched === 1 ? "y" : "ies"} fetched` : "dependencies are up to date",
      durationMs: Date.now() - started,
      findings: [],
      counts: { fetched },
      command,
    };
  },
};

function failed(run: StepRun): string | undefined {
  if (run.infra) return run.infra;
  if (run.result.exitCode === 0) return undefined;
  return classifyMixError(run.output)?.reason ?? `exit ${run.result.exitCode}: ${lastWords(run.output, 3)}`;
}
