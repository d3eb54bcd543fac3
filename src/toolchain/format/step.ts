import { join } from "node:path";
import type { RawFinding } from "../../review/finding.js";
import { runTool, truncationNote } from "../exec.js";
import { makeFinding } from "../findings.js";
import { helperPath } from "../helpers.js";
import { outcome } from "../result.js";
import { lastWords, mixFailureReason } from "../text/mix-errors.js";
import type { StepContext, StepResult, ToolStep } from "../types.js";
import { clearOutput, readOutput } from "../workdir.js";
import { parseFormatCheck, type FormatCheck } from "./check.js";
import { formatFindings } from "./findings.js";
import { diffLines, type FormatHunk } from "./hunks.js";

/** Files beyond this many get a file-level finding only. */
const MAX_FILES = 50;

/**
 * `mix format --check-formatted` decides; for the files it names, the injected
 * `mix elixir_agent.format` returns the formatted text (the project's own formatter config and
 * plugins), and a line diff against the checkout gives hunks and suggestions. The 1.15+ text diff
 * is the fallback when the helper cannot run.
 */
export const formatStep: ToolStep = {
  id: "format",
  title: "Format",
  needs: ["deps"],
  defaultTimeoutSeconds: 300,
  async run(ctx: StepContext): Promise<StepResult> {
    const started = Date.now();
    const command = "mix format --check-formatted";
    const run = await runTool(ctx, "mix", ["format", "--check-formatted"]);
    if (run.infra) return outcome("format", "not_run", run.infra, started, command);
    if (run.result.exitCode === 0) {
      return { id: "format", status: "passed", reason: "all files are formatted", durationMs: Date.now() - started, findings: [], command };
    }
    const check = parseFormatCheck(run.output);
    if (check.unparseable) return unparseable(ctx, check, started, command);
    if (!check.unformatted) {
      const why = mixFailureReason(run.output) ?? `mix format exited with status ${run.result.exitCode}: ${lastWords(run.output)}`;
      return outcome("format", "not_run", why, started, command);
    }

    const files = check.files.map((printed) => ({ printed, path: ctx.paths.resolve(printed) }));
    const inRepo = files.filter((f): f is { printed: string; path: string } => f.path !== undefined);
    const formatted = await formattedTexts(ctx, inRepo.slice(0, MAX_FILES).map((f) => f.path));
    const findings: RawFinding[] = [];
    let hunkCount = 0;
    for (const [index, file] of inRepo.entries()) {
      const current = await ctx.workspace.readFile(file.path);
      const text = formatted.get(file.path);
      const hunks: FormatHunk[] =
        index < MAX_FILES && text !== undefined && current !== undefined ? diffLines(current, text) : (check.hunks.get(file.printed) ?? []);
      hunkCount += hunks.length;
      findings.push(...formatFindings(file.path, hunks, current));
    }
    const notes = [`${inRepo.length} file${inRepo.length === 1 ? "" : "s"} not formatted (${hunkCount} place${hunkCount === 1 ? "" : "s"})`, truncationNote(run.result)];
    return {
      id: "format",
      status: "failed",
      reason: notes.filter(Boolean).join("; "),
      durationMs: Date.now() - started,
      findings,
      counts: { files: inRepo.length, hunks: hunkCount },
      command,
    };
  },
};

/** Formatted text per repo path from the helper; empty when it could not run. */
async function formattedTexts(ctx: StepContext, paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  const jsonPath = join(ctx.outDir, "format.json");
  await clearOutput(jsonPath);
  const run = await runTool(ctx, "elixir", ["-r", helperPath(ctx.helpersDir, "format_task.exs"), "-S", "mix", "elixir_agent.format", ...paths], {
    env: { ELIXIR_AGENT_FORMAT_PATH: jsonPath },
  });
  if (run.infra) return out;
  const text = await readOutput(ctx.workspace.root, jsonPath);
  if (!text) return out;
  try {
    const data = JSON.parse(text) as { files?: { file?: unknown; formatted?: unknown }[] };
    for (const entry of data.files ?? []) {
      if (typeof entry.file === "string" && typeof entry.formatted === "string" && paths.includes(entry.file)) out.set(entry.file, entry.formatted);
    }
  } catch {
    ctx.log.warn({ step: "format" }, "format helper wrote unreadable JSON");
  }
  return out;
}

function unparseable(ctx: StepContext, check: FormatCheck, started: number, command: string): StepResult {
  const bad = check.unparseable!;
  const path = ctx.paths.resolve(bad.file);
  const finding = makeFinding({
    source: "format",
    rule: "format/unparseable",
    checklistItem: "formatted",
    severity: "minor",
    title: `mix format cannot parse ${bad.file}: ${bad.message}`,
    message: `\`mix format\` stopped at \`${bad.file}\` because the file does not parse: ${bad.message}. The compile step reports the error itself.`,
    path,
    line: bad.line,
    column: bad.column,
  });
  return { id: "format", status: "failed", reason: `${bad.file} does not parse`, durationMs: Date.now() - started, findings: [finding], command };
}
