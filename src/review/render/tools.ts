import type { ReviewReport } from "../../pipeline/types.js";
import type { StepResult } from "../../toolchain/types.js";
import { escapeMd, formatDuration, inlineCode } from "../../util/markdown.js";
import { ICON } from "./icons.js";

/** What ran and what did not, and why: every toolchain step, the analyzer and the AI review. */
export function renderTools(report: ReviewReport): string[] {
  const t = report.toolchain;
  const out = ["#### What ran", ""];
  if (t.ran && t.versions) {
    out.push(escapeMd(`Elixir ${t.versions.elixir ?? "?"}, OTP ${t.versions.otp ?? "?"}, sandbox: ${t.sandbox ?? "none"}`), "");
  }
  if (t.versionWarning) out.push(`> ${escapeMd(t.versionWarning)}`, "");
  out.push("| check | outcome | details | time |", "|---|---|---|---|");
  if (!t.ran) out.push(`| Toolchain (\`mix\`) | ${ICON.skipped} not run | ${escapeMd(t.reason ?? "unknown reason")} | – |`);
  for (const s of t.steps) {
    out.push(`| ${s.command ? inlineCode(s.command) : s.id} | ${ICON[s.status]} ${s.status.replace("_", " ")} | ${stepDetails(s)} | ${formatDuration(s.durationMs)} |`);
  }
  const an = report.analyzer;
  out.push(
    an.ran
      ? `| analyzer | ${ICON.ran} ran | ${an.filesAnalyzed} files, ${an.linesAnalyzed} lines, ${an.findings.length} findings${an.skipped.length > 0 ? `, ${an.skipped.length} files skipped` : ""} | ${formatDuration(an.durationMs)} |`
      : `| analyzer | ${ICON.skipped} not run | ${escapeMd(an.reason ?? "unknown reason")} | – |`,
  );
  const ag = report.agent;
  const agentState = ag.status === "ran" ? "ran" : ag.status === "partial" ? "partial" : ag.status === "failed" ? "failed" : "skipped";
  const agentDetail = ag.status === "ran" || ag.status === "partial" ? `${ag.calls} call(s), ${ag.findings.length} findings${ag.reason ? ` — ${escapeMd(ag.reason)}` : ""}` : escapeMd(ag.reason ?? "unavailable");
  out.push(`| AI review | ${ICON[agentState]} ${agentState} | ${agentDetail} | – |`, "");
  return out;
}

function stepDetails(s: StepResult): string {
  const parts: string[] = [];
  if (s.counts) parts.push(Object.entries(s.counts).map(([k, v]) => `${v} ${escapeMd(k)}`).join(", "));
  if (s.reason) parts.push(escapeMd(s.reason));
  if (s.cached) parts.push("cache hit");
  return parts.join(" — ") || "–";
}
