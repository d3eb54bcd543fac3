import type { RawFinding } from "../../review/finding.js";
import type { AnalyzerReport } from "../types.js";

/** Human-readable output: one block per finding, then a per-rule summary with rates per 1,000 lines. */
export function renderText(report: AnalyzerReport, options: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  for (const f of report.findings) {
    out.push(`${location(f)}  ${f.severity}  ${f.rule}  ${f.title}`);
    const what = f.message.split("\n\n")[0] ?? "";
    out.push(`    ${what}`);
    if (options.verbose && f.suggestion !== undefined) out.push(...f.suggestion.split("\n").map((l) => `    + ${l}`));
  }
  if (report.findings.length > 0) out.push("");
  for (const s of report.skipped) out.push(`skipped ${s.path}: ${s.reason}`);
  out.push(summary(report));
  return `${out.join("\n")}\n`;
}

function location(f: RawFinding): string {
  return `${f.path ?? "."}:${f.line ?? 1}${f.column !== undefined ? `:${f.column}` : ""}`;
}

function summary(report: AnalyzerReport): string {
  const counts = new Map<string, number>();
  for (const f of report.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  const kloc = report.linesAnalyzed / 1000;
  const lines = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([rule, n]) => `  ${rule.padEnd(42)} ${String(n).padStart(5)}  ${kloc > 0 ? (n / kloc).toFixed(2) : "-"}/kLOC`);
  const head =
    `${report.findings.length} finding(s) in ${report.filesAnalyzed} file(s), ${report.linesAnalyzed} lines, ` +
    `${report.skipped.length} skipped or partial, ${report.durationMs} ms`;
  return [head, ...lines].join("\n");
}
