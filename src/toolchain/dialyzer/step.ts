import { inSomeEnv } from "../credo/step.js";
import { runTool, truncationNote, type StepRun } from "../exec.js";
import { outcome } from "../result.js";
import { tailLines } from "../text/ansi.js";
import { lastWords, mixFailureReason } from "../text/mix-errors.js";
import type { StepContext, StepResult, ToolStep } from "../types.js";
import { dialyzerFinding } from "./findings.js";
import { parseDialyxir, parseDialyzer, type DialyzerWarning } from "./parse.js";

/** Warning classes on top of dialyzer's defaults (the ones dialyxir enables too). */
const PLAIN_FLAGS = ["-Wunmatched_returns", "-Werror_handling"];

/**
 * Dialyzer: `mix dialyzer --format short` when the project uses dialyxir (its warnings come on
 * stderr); otherwise Erlang's `dialyzer` on the project's compiled beams with the core PLT the
 * orchestrator prepared before any project code ran.
 */
export const dialyzerStep: ToolStep = {
  id: "dialyzer",
  title: "Dialyzer",
  needs: ["deps", "compile"],
  defaultTimeoutSeconds: 1200,
  async run(ctx: StepContext): Promise<StepResult> {
    return ctx.workspace.project.deps.dialyxir ? dialyxir(ctx) : plain(ctx);
  },
};

async function dialyxir(ctx: StepContext): Promise<StepResult> {
  const started = Date.now();
  const command = "mix dialyzer --format short";
  const run = await inSomeEnv(ctx, ["dialyzer", "--format", "short", "--quiet-with-result"]);
  if (run.infra) return outcome("dialyzer", "not_run", run.infra, started, command);
  const code = run.result.exitCode;
  const short = parseDialyxir(run.output);
  // A project can still end up with another format (an alias): plain dialyzer lines are read too.
  const warnings = short.length > 0 ? short : parseDialyzer(run.output);
  if (code === 3) return outcome("dialyzer", "not_run", "the dialyzer application is missing in the sandbox (erlang-dialyzer)", started, command);
  if (code !== 0 && code !== 2) {
    const why = mixFailureReason(run.output) ?? `mix dialyzer failed (exit ${code}): ${lastWords(run.output)}`;
    return outcome("dialyzer", "not_run", why, started, command);
  }
  return result(ctx, warnings, run, started, command, "dialyxir", undefined);
}

async function plain(ctx: StepContext): Promise<StepResult> {
  const started = Date.now();
  const plt = ctx.facts.plt;
  const ebins = ctx.facts.apps.map((a) => a.ebin).filter((e): e is string => Boolean(e));
  const command = `dialyzer --plt core.plt ${ebins.join(" ")}`.trim();
  if (!plt) return outcome("dialyzer", "not_run", "no PLT was prepared", started, command);
  if ("error" in plt) return outcome("dialyzer", "not_run", plt.error, started, command);
  if (ebins.length === 0) return outcome("dialyzer", "not_run", "no compiled application of the project was found", started, command);
  if (!ctx.versions.elixirLib) return outcome("dialyzer", "not_run", "the Elixir installation in the sandbox was not found", started, command);
  const args = ["-pa", `${ctx.versions.elixirLib}/ebin`, "--plt", plt.path, "--no_check_plt", "--fullpath", "--no_indentation", "-q", ...PLAIN_FLAGS, ...ebins];
  const run = await runTool(ctx, "dialyzer", args);
  if (run.infra) return outcome("dialyzer", "not_run", run.infra, started, command);
  const code = run.result.exitCode;
  if (code !== 0 && code !== 2) return outcome("dialyzer", "not_run", `dialyzer failed (exit ${code}): ${tailLines(run.output, 5)}`, started, command);
  const pltNote = plt.cached ? "PLT from cache" : `PLT built in ${Math.round((plt.buildMs ?? 0) / 1000)} s`;
  return result(ctx, parseDialyzer(run.output), run, started, command, "dialyzer", pltNote, plt.cached);
}

function result(
  ctx: StepContext,
  warnings: DialyzerWarning[],
  run: StepRun,
  started: number,
  command: string,
  tool: "dialyxir" | "dialyzer",
  note: string | undefined,
  cached?: boolean,
): StepResult {
  const findings = warnings.map((w) => dialyzerFinding(w, ctx.paths, tool));
  const emitted = run.result.exitCode === 2;
  const reason = [
    warnings.length > 0 ? `${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : emitted ? "warnings were emitted but none could be read" : "no warnings",
    note,
    truncationNote(run.result),
  ].filter(Boolean);
  const res: StepResult = {
    id: "dialyzer",
    status: warnings.length > 0 || emitted ? "failed" : "passed",
    reason: reason.join("; "),
    durationMs: Date.now() - started,
    findings,
    counts: { warnings: warnings.length },
    command,
  };
  if (cached !== undefined) res.cached = cached;
  if (emitted && warnings.length === 0) {
    res.findings.push({
      source: "dialyzer",
      rule: "dialyzer/unreadable",
      checklistItem: "typespecs",
      severity: "major",
      title: "Dialyzer emitted warnings that could not be parsed",
      message: "Dialyzer exited with status 2 (warnings emitted), but no warning line could be read; see the evidence.",
      evidence: tailLines(run.output, 30),
    });
  }
  return res;
}
