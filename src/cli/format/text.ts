import type { AbortOutcome } from "../../github/publisher.js";
import type { ReviewReport } from "../../pipeline/types.js";
import { formatDuration } from "../../util/markdown.js";

const MARK = { success: "PASS", failure: "FAIL", neutral: "INCOMPLETE", cancelled: "CANCELLED" } as const;

/** Plain text for a terminal: verdict, steps, tests, findings with file:line, what did not run. */
export function renderText(report: ReviewReport): string {
  const out: string[] = [];
  const g = report.gate;
  out.push(`${MARK[g.conclusion]}: ${g.title}`);
  if (g.banner) out.push(`! ${g.banner}`);
  // A neutral verdict's reasons are exactly what the banner lists: not twice.
  if (!(g.conclusion === "neutral" && g.banner)) for (const r of g.reasons) out.push(`  - ${r}`);
  out.push("", "Toolchain:");
  if (!report.toolchain.ran) out.push(`  not run: ${report.toolchain.reason ?? "unknown reason"}`);
  for (const s of report.toolchain.steps) {
    const counts = s.counts ? ` ${Object.entries(s.counts).map(([k, v]) => `${v} ${k}`).join(", ")}` : "";
    out.push(`  ${s.id.padEnd(9)} ${s.status.padEnd(8)}${counts}${s.reason ? ` — ${s.reason}` : ""} (${formatDuration(s.durationMs)})`);
  }
  const tests = report.toolchain.steps.find((s) => s.id === "test");
  for (const f of tests?.tests?.failures ?? []) out.push(`    failed: ${f.module} ${f.name}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ""})` : ""}`);
  if (tests?.coverage) out.push(`    coverage: ${tests.coverage.total.toFixed(1)} % (threshold ${tests.coverage.threshold} %)`);
  out.push("", `Analyzer: ${report.analyzer.ran ? `${report.analyzer.filesAnalyzed} files` : `not run: ${report.analyzer.reason ?? ""}`}`);
  for (const s of report.analyzer.skipped) out.push(`  skipped ${s.path}: ${s.reason}`);
  const agent = report.agent;
  out.push(`AI review: ${agent.status === "ran" || agent.status === "partial" ? `${agent.status} (${agent.calls} calls, model ${agent.model ?? "?"})` : (agent.reason ?? "did not run")}`);
  out.push("", `Findings (${report.findings.length}):`);
  for (const f of report.findings) {
    const where = f.path ? `${f.path}${f.line ? `:${f.line}` : ""}` : "(project)";
    out.push(`  [${f.severity}] ${where} ${f.title} (${f.source}: ${f.rule})`);
  }
  if (report.findings.length === 0) out.push("  none");
  out.push("", `Reviewed ${report.headSha.slice(0, 12)} against ${report.mergeBase.slice(0, 12)}: ${report.files.length} files changed, ${formatDuration(report.durationMs)}.`);
  return out.join("\n");
}

export function renderOutcomeText(outcome: AbortOutcome): string {
  return `${outcome.conclusion.toUpperCase()}: ${outcome.title}\n\n${outcome.summary}`;
}
