import { join } from "node:path";
import { runTool, truncationNote } from "../exec.js";
import { makeFinding } from "../findings.js";
import { helperPath } from "../helpers.js";
import { describeCounts, outcome } from "../result.js";
import { tailLines } from "../text/ansi.js";
import { lastWords, mixFailureReason } from "../text/mix-errors.js";
import type { StepContext, StepResult, ToolStep } from "../types.js";
import { clearOutput, readOutput } from "../workdir.js";
import type { CompileDiagnostic } from "./diagnostic.js";
import { compileFindings } from "./findings.js";
import { parseCompileJson } from "./json.js";
import { parseCompileText } from "./text.js";

/**
 * `mix compile --force` through the injected `mix elixir_agent.compile` task, which dumps every
 * diagnostic as JSON; the compiler's text output is the fallback. `--force` because a no-op
 * compile does not replay warnings on 1.14.
 */
export const compileStep: ToolStep = {
  id: "compile",
  title: "Compile",
  needs: ["deps"],
  defaultTimeoutSeconds: 900,
  async run(ctx: StepContext): Promise<StepResult> {
    const started = Date.now();
    const wae = ctx.config.steps.compile.warningsAsErrors;
    const command = `mix compile --force${wae ? " --warnings-as-errors" : ""}`;
    const diagPath = join(ctx.outDir, "compile.json");
    await clearOutput(diagPath);
    const args = ["-r", helperPath(ctx.helpersDir, "compile_task.exs"), "-S", "mix", "elixir_agent.compile", "--force"];
    if (wae) args.push("--warnings-as-errors");
    const run = await runTool(ctx, "elixir", args, { env: { ELIXIR_AGENT_DIAG_PATH: diagPath } });
    if (run.infra) return outcome("compile", "not_run", run.infra, started, command);

    const json = parseCompileJson(await readOutput(ctx.workspace.root, diagPath));
    let diags: CompileDiagnostic[];
    let waeFailed = false;
    if (json) {
      if (json.cwd) ctx.paths.addRoot(json.cwd);
      if (json.apps.length > 0) {
        ctx.facts.apps = json.apps;
        ctx.paths.setApps(json.apps);
      }
      const text = parseCompileText(run.output);
      // Under --warnings-as-errors Mix returns the warnings as errors; the text still says which were warnings.
      diags = text.warningsAsErrorsFailed ? demoteWarnings(json.diagnostics, text.diagnostics) : json.diagnostics;
      waeFailed = text.warningsAsErrorsFailed || (json.status === "error" && wae && !diags.some((d) => d.severity === "error"));
      if (json.status === "error" && !diags.some((d) => d.severity !== "info")) diags = text.diagnostics;
    } else {
      const text = parseCompileText(run.output);
      diags = text.diagnostics;
      waeFailed = text.warningsAsErrorsFailed;
      const failedRun = run.result.exitCode !== 0;
      if (failedRun && !diags.some((d) => d.severity === "error") && !waeFailed) {
        const why = mixFailureReason(run.output) ?? `mix exited with status ${run.result.exitCode}: ${lastWords(run.output)}`;
        return outcome("compile", "not_run", why, started, command);
      }
    }

    const findings = compileFindings(diags, ctx.paths, { warningsAsErrors: wae, umbrella: ctx.workspace.project.umbrella });
    if (json?.status === "error" && !waeFailed && !findings.some((f) => f.rule === "compile/error")) {
      // Mix said the build failed but named no error we can place: say so, with the output.
      findings.push(
        makeFinding({
          source: "compile",
          rule: "compile/error",
          checklistItem: "compiles-clean",
          severity: "blocker",
          title: "Compilation failed",
          message: "`mix compile` failed without a located error; see the output.",
          evidence: tailLines(run.output, 40),
        }),
      );
    }
    const counts = {
      errors: findings.filter((f) => f.rule === "compile/error").length,
      warnings: findings.filter((f) => f.rule === "compile/warning").length,
    };
    const failed = counts.errors > 0 || waeFailed || (wae && counts.warnings > 0);
    const summary = describeCounts(counts, { errors: ["error", "errors"], warnings: ["warning", "warnings"] });
    const notes = [
      failed ? `compilation failed${summary ? `: ${summary}` : ""}` : summary ? `compiled with ${summary}` : "compiled cleanly",
      waeFailed ? "warnings are errors (--warnings-as-errors)" : undefined,
      truncationNote(run.result),
    ].filter(Boolean);
    return {
      id: "compile",
      status: failed ? "failed" : "passed",
      reason: notes.join("; "),
      durationMs: Date.now() - started,
      findings,
      counts,
      command,
    };
  },
};

/** Errors that the compiler printed as `warning:` (same file and line) are warnings again. */
function demoteWarnings(fromJson: CompileDiagnostic[], fromText: CompileDiagnostic[]): CompileDiagnostic[] {
  const warned = new Set(fromText.filter((d) => d.severity === "warning").map((d) => `${d.file}:${d.line}`));
  return fromJson.map((d) => (d.severity === "error" && warned.has(`${d.file}:${d.line}`) ? { ...d, severity: "warning" } : d));
}
