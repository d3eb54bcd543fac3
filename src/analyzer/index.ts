import { readRepoFile } from "../workspace/files.js";
import { languageOf } from "./engine/facts.js";
import { matchesAny } from "../util/glob.js";
import { listElixirFiles } from "./engine/list-files.js";
import { analyzeSource } from "./engine/run-file.js";
import { excludedPath } from "./engine/skip.js";
import { RULES } from "./registry.js";
import type { Rule } from "./rule.js";
import type { AnalyzerInput, AnalyzerReport } from "./types.js";

export type { AnalyzerInput, AnalyzerReport, RuleInfo } from "./types.js";
export { RULES, ruleInfos } from "./registry.js";

/**
 * The static checklist analyzer: parses the changed Elixir files (or, without a diff, every
 * Elixir file of the repository) with tree-sitter and reports rule hits as findings.
 */
export async function analyze(input: AnalyzerInput, rules: readonly Rule[] = RULES): Promise<AnalyzerReport> {
  const started = performance.now();
  const report: AnalyzerReport = { ran: true, findings: [], filesAnalyzed: 0, linesAnalyzed: 0, skipped: [], durationMs: 0 };
  if (!input.config.enabled) {
    return { ...report, ran: false, reason: "the analyzer is disabled in the configuration (analyzer.enabled: false)" };
  }
  const ignore = input.ignorePaths ?? [];
  const candidates = input.files ?? (input.diff ? changedPaths(input.diff) : await listElixirFiles(input.root));
  // Files rules read besides their own (the changed tests, for each changed module): once per run.
  const read = new Map<string, Promise<string | undefined>>();
  const readFile = (path: string): Promise<string | undefined> => {
    let text = read.get(path);
    if (!text) read.set(path, (text = readRepoFile(input.root, path)));
    return text;
  };

  for (const [index, path] of candidates.entries()) {
    if (input.signal?.aborted) {
      report.ran = false;
      report.reason = `cancelled after ${report.filesAnalyzed} file(s); ${candidates.length - index} not analysed`;
      break;
    }
    if (!languageOf(path) || matchesAny(path, ignore)) continue;
    const excluded = excludedPath(path);
    if (excluded) {
      report.skipped.push({ path, reason: excluded });
      continue;
    }
    const text = await readRepoFile(input.root, path);
    if (text === undefined) {
      report.skipped.push({ path, reason: "not readable: missing, binary, larger than 2 MiB or a symlink leaving the repository" });
      continue;
    }
    const run = await analyzeSource(path, text, { rules, config: input.config, diff: input.diff, readFile });
    if (run.skipped) {
      report.skipped.push({ path, reason: run.skipped });
      continue;
    }
    report.filesAnalyzed++;
    report.linesAnalyzed += run.lines;
    report.findings.push(...run.findings);
    if (run.note) report.skipped.push({ path, reason: `partially analysed: ${run.note}` });
  }
  report.findings.sort((a, b) => (a.path ?? "").localeCompare(b.path ?? "") || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

function changedPaths(diff: NonNullable<AnalyzerInput["diff"]>): string[] {
  return diff.filter((f) => f.status !== "deleted" && !f.binary).map((f) => f.path);
}
