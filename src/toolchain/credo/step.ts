import { runTool, truncationNote, type StepRun } from "../exec.js";
import { outcome } from "../result.js";
import { classifyMixError, lastWords, mixFailureReason } from "../text/mix-errors.js";
import type { StepContext, StepResult, ToolStep } from "../types.js";
import { credoFinding } from "./findings.js";
import { decodeCredoExit, excludedFiles, parseCredoOutput, priorityName } from "./parse.js";

/** `mix credo --strict --format json`, when the project uses credo. Reads stdout only. */
export const credoStep: ToolStep = {
  id: "credo",
  title: "Credo",
  needs: ["deps"],
  defaultTimeoutSeconds: 600,
  skipReason(ctx) {
    return ctx.config.steps.credo.enabled === "auto" && !ctx.workspace.project.deps.credo ? "the project does not use credo" : undefined;
  },
  async run(ctx: StepContext): Promise<StepResult> {
    const started = Date.now();
    const command = "mix credo --strict --format json";
    const run = await inSomeEnv(ctx, ["credo", "--strict", "--format", "json"]);
    if (run.infra) return outcome("credo", "not_run", run.infra, started, command);
    const code = run.result.exitCode ?? 0;
    const exit = decodeCredoExit(code);
    const issues = parseCredoOutput(run.result.stdout);
    if (!issues) {
      if (code === 0) return { id: "credo", status: "passed", reason: "no issues", durationMs: Date.now() - started, findings: [], command };
      const why = mixFailureReason(run.output) ?? exit.toolError ?? `credo exited with status ${code} without a report: ${lastWords(run.output)}`;
      return outcome("credo", "not_run", why, started, command);
    }
    if (exit.toolError) return outcome("credo", "not_run", exit.toolError, started, command);
    const findings = issues.map((issue) => credoFinding(issue, ctx.paths));
    const counts: Record<string, number> = { issues: issues.length };
    for (const issue of issues) counts[priorityName(issue.priority)] = (counts[priorityName(issue.priority)] ?? 0) + 1;
    const excluded = excludedFiles(run.result.stderr);
    const reason = [
      issues.length === 0 ? "no issues" : `${issues.length} issue${issues.length === 1 ? "" : "s"}${exit.categories.length ? ` (${exit.categories.join(", ")})` : ""}`,
      excluded.length > 0 ? `credo could not parse and skipped: ${excluded.join(", ")}` : undefined,
      truncationNote(run.result),
    ].filter(Boolean);
    return {
      id: "credo",
      status: issues.length > 0 ? "failed" : "passed",
      reason: reason.join("; "),
      durationMs: Date.now() - started,
      findings,
      counts,
      command,
    };
  },
};

/**
 * Runs a dev-tool task in the configured MIX_ENV and, when the task is missing there (credo and
 * dialyxir are often `only: :dev`), once more with MIX_ENV=dev.
 */
export async function inSomeEnv(ctx: StepContext, args: string[]): Promise<StepRun> {
  const first = await runTool(ctx, "mix", args);
  if (first.infra || ctx.env.MIX_ENV === "dev") return first;
  if (classifyMixError(first.output)?.kind !== "task-missing") return first;
  return runTool(ctx, "mix", args, { env: { MIX_ENV: "dev" } });
}
