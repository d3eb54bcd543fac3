import type { ReviewReport } from "../../pipeline/types.js";
import { escapeMd, formatDuration, inlineCode } from "../../util/markdown.js";
import { renderAgent } from "./agent.js";
import { renderChecklist } from "./checklist.js";
import { renderFindings } from "./findings.js";
import { ICON } from "./icons.js";
import { renderPublication, type PublicationInfo } from "./publication.js";
import { renderCoverage, renderTests } from "./tests.js";
import { renderTools } from "./tools.js";

export type { PublicationInfo } from "./publication.js";

export interface SummaryOptions {
  maxFindings?: number;
  /** What publishing did on GitHub (review, threads, annotations); absent in the CLI. */
  publication?: PublicationInfo;
}

/**
 * The check run summary, most important first (it may be truncated at the end): the verdict and
 * why, what happened on the PR, what ran, tests, coverage, findings, the expert checklist, the AI
 * review (what it saw, tokens, cost).
 */
export function renderSummary(report: ReviewReport, options: SummaryOptions = {}): string {
  const out: string[] = [];
  const { gate } = report;
  if (gate.banner) out.push(`> [!WARNING]\n> ${escapeMd(gate.banner)}`, "");
  out.push(`### ${ICON[gate.conclusion] ?? ""} ${escapeMd(gate.title)}`, "");
  // A neutral verdict's reasons are exactly what the banner lists: not twice.
  if (!(gate.conclusion === "neutral" && gate.banner)) for (const reason of gate.reasons) out.push(`- ${escapeMd(reason)}`);
  out.push("");
  if (options.publication) out.push(...renderPublication(options.publication, report.headSha));
  out.push(...renderTools(report), ...renderTests(report), ...renderCoverage(report));
  out.push(...renderFindings(report.findings, options.maxFindings ?? 50, options.publication));
  out.push(...renderChecklist(report), ...renderAgent(report), ...renderAnalyzerSkips(report), ...renderIgnored(report));
  out.push(
    `<sub>Reviewed ${inlineCode(report.headSha.slice(0, 12))} against merge base ${inlineCode(report.mergeBase.slice(0, 12))} · ` +
      `${report.files.length} files · config: ${report.configSource === "file" ? ".github/elixir-agent.yml (default branch)" : "defaults"} · ` +
      `${formatDuration(report.durationMs)}</sub>`,
  );
  return out.join("\n");
}

function renderAnalyzerSkips(report: ReviewReport): string[] {
  const skipped = report.analyzer.skipped;
  if (skipped.length === 0) return [];
  const out = ["#### Files the analyzer skipped", ""];
  for (const s of skipped.slice(0, 20)) out.push(`- ${inlineCode(s.path)}: ${escapeMd(s.reason)}`);
  if (skipped.length > 20) out.push(`- … and ${skipped.length - 20} more`);
  out.push("");
  return out;
}

function renderIgnored(report: ReviewReport): string[] {
  if (report.ignoredRules.length === 0) return [];
  const out = ["#### Rules ignored on this pull request", ""];
  for (const r of report.ignoredRules) out.push(`- ${inlineCode(r.rule)} by @\u200b${escapeMd(r.by)}${r.reason ? ` — ${escapeMd(r.reason)}` : ""}`);
  out.push("");
  return out;
}
