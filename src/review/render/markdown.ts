import type { ReviewReport } from "../../pipeline/types.js";
import type { StepResult } from "../../toolchain/types.js";
import { escapeMd, formatDuration, inlineCode } from "../../util/markdown.js";
import type { Finding } from "../finding.js";

const ICON: Record<string, string> = {
  success: "✅",
  failure: "❌",
  neutral: "⚪",
  cancelled: "⏹️",
  passed: "✅",
  failed: "❌",
  skipped: "⏭️",
  not_run: "⚠️",
  blocker: "🛑",
  major: "🔴",
  minor: "🟡",
  info: "🔵",
  pass: "✅",
  concern: "🟡",
  fail: "❌",
  not_applicable: "➖",
};

/** The check run summary: verdict, tools, tests, coverage, findings, checklist, agent, timings. */
export function renderSummary(report: ReviewReport, options: { maxFindings?: number } = {}): string {
  const out: string[] = [];
  const { gate } = report;
  if (gate.banner) out.push(`> [!WARNING]\n> ${escapeMd(gate.banner)}`, "");
  out.push(`### ${ICON[gate.conclusion] ?? ""} ${escapeMd(gate.title)}`, "");
  for (const reason of gate.reasons) out.push(`- ${escapeMd(reason)}`);
  out.push("");
  out.push(...renderToolchain(report), ...renderTests(report), ...renderCoverage(report));
  out.push(...renderFindings(report.findings, options.maxFindings ?? 50));
  out.push(...renderChecklist(report), ...renderAgent(report), ...renderAnalyzer(report));
  if (report.ignoredRules.length > 0) {
    out.push("#### Rules ignored on this pull request", "");
    for (const r of report.ignoredRules) {
      out.push(`- ${inlineCode(r.rule)} by @${escapeMd(r.by)}${r.reason ? ` — ${escapeMd(r.reason)}` : ""}`);
    }
    out.push("");
  }
  out.push(
    `<sub>Reviewed ${inlineCode(report.headSha.slice(0, 12))} against merge base ${inlineCode(report.mergeBase.slice(0, 12))} · ` +
      `${report.files.length} files · config: ${report.configSource === "file" ? ".github/elixir-agent.yml" : "defaults"} · ` +
      `${formatDuration(report.durationMs)}</sub>`,
  );
  return out.join("\n");
}

function renderToolchain(report: ReviewReport): string[] {
  const t = report.toolchain;
  const out = ["#### Toolchain", ""];
  if (!t.ran) {
    out.push(`Not run: ${escapeMd(t.reason ?? "unknown reason")}`, "");
    return out;
  }
  const versions = t.versions ? ` (Elixir ${t.versions.elixir ?? "?"}, OTP ${t.versions.otp ?? "?"}, sandbox: ${t.sandbox ?? "none"})` : "";
  if (versions) out.push(escapeMd(versions.trim()), "");
  if (t.versionWarning) out.push(`> ${escapeMd(t.versionWarning)}`, "");
  out.push("| step | outcome | details | time |", "|---|---|---|---|");
  for (const s of t.steps) out.push(`| ${s.command ? inlineCode(s.command) : s.id} | ${ICON[s.status]} ${s.status.replace("_", " ")} | ${stepDetails(s)} | ${formatDuration(s.durationMs)} |`);
  out.push("");
  return out;
}

function stepDetails(s: StepResult): string {
  const parts: string[] = [];
  if (s.counts) parts.push(Object.entries(s.counts).map(([k, v]) => `${v} ${k}`).join(", "));
  if (s.reason) parts.push(escapeMd(s.reason));
  if (s.cached) parts.push("cache hit");
  return parts.join(" — ") || "–";
}

function renderTests(report: ReviewReport): string[] {
  const tests = report.toolchain.steps.find((s) => s.id === "test")?.tests;
  if (!tests) return [];
  const out = [
    "#### Tests",
    "",
    `${tests.total} tests: ${tests.passed} passed, ${tests.failed} failed, ${tests.invalid} invalid, ${tests.skipped} skipped, ${tests.excluded} excluded${tests.seed !== undefined ? ` (seed ${tests.seed})` : ""}${tests.completed ? "" : " — **the run did not finish**"}`,
    "",
  ];
  for (const f of tests.failures.slice(0, 30)) {
    const where = f.file ? ` — ${inlineCode(`${f.file}${f.line ? `:${f.line}` : ""}`)}` : "";
    out.push(`- ${ICON.failed} ${escapeMd(f.module)}: ${escapeMd(f.name)}${where}`);
  }
  if (tests.failures.length > 30) out.push(`- … and ${tests.failures.length - 30} more`);
  if (tests.failures.length > 0) out.push("");
  return out;
}

function renderCoverage(report: ReviewReport): string[] {
  const cov = report.toolchain.steps.find((s) => s.id === "test")?.coverage;
  if (!cov) return [];
  const ok = cov.total >= cov.threshold;
  const out = ["#### Coverage", "", `${ok ? ICON.passed : ICON.failed} ${cov.total.toFixed(1)} % total (threshold ${cov.threshold} %)`, ""];
  const low = cov.modules.filter((m) => m.percent < cov.threshold).sort((a, b) => a.percent - b.percent).slice(0, 10);
  if (low.length > 0) {
    out.push("| module | coverage |", "|---|---|");
    for (const m of low) out.push(`| ${escapeMd(m.module)} | ${m.percent.toFixed(1)} % |`);
    out.push("");
  }
  return out;
}

function renderFindings(findings: readonly Finding[], max: number): string[] {
  if (findings.length === 0) return ["#### Findings", "", "None.", ""];
  const out = ["#### Findings", "", "| | where | source | finding |", "|---|---|---|---|"];
  for (const f of findings.slice(0, max)) {
    const where = f.path ? inlineCode(`${f.path}${f.line ? `:${f.line}` : ""}`) : "project";
    out.push(`| ${ICON[f.severity]} | ${where} | ${f.source} | ${escapeMd(f.title)} (${inlineCode(f.rule)}) |`);
  }
  if (findings.length > max) out.push("", `… and ${findings.length - max} more findings.`);
  out.push("");
  return out;
}

function renderChecklist(report: ReviewReport): string[] {
  if (report.agent.checklist.length === 0) return [];
  const out = ["#### Expert checklist", "", "| item | status | evidence |", "|---|---|---|"];
  for (const c of report.agent.checklist) out.push(`| ${inlineCode(c.item)} | ${ICON[c.status]} ${c.status.replace("_", " ")} | ${escapeMd(c.evidence)} |`);
  out.push("");
  return out;
}

function renderAgent(report: ReviewReport): string[] {
  const a = report.agent;
  const out = ["#### AI review", ""];
  if (a.status === "skipped" || a.status === "failed") {
    out.push(`The AI review did not run: ${escapeMd(a.reason ?? "unavailable")}. The verdict rests on the deterministic evidence above.`, "");
    return out;
  }
  if (a.summary) out.push(escapeMd(a.summary), "");
  if (a.status === "partial" && a.reason) out.push(`> ${escapeMd(a.reason)}`, "");
  out.push(`Files the agent saw: ${a.filesSeen.length}${a.filesNotSeen.length > 0 ? `; not seen: ${a.filesNotSeen.map((p) => inlineCode(p)).join(", ")}` : ""}.`);
  const u = a.usage;
  out.push(
    `Model ${inlineCode(a.model ?? "?")} · ${a.calls} call(s) · tokens: ${u.input} in, ${u.output} out, ${u.cacheRead} cache read, ${u.cacheWrite} cache write${a.costUsd !== undefined ? ` · ≈ $${a.costUsd.toFixed(4)}` : ""}`,
    "",
  );
  return out;
}

function renderAnalyzer(report: ReviewReport): string[] {
  const an = report.analyzer;
  if (an.ran && an.skipped.length === 0) return [];
  const out = ["#### Analyzer", ""];
  if (!an.ran) out.push(`Not run: ${escapeMd(an.reason ?? "unknown reason")}`);
  for (const s of an.skipped.slice(0, 20)) out.push(`- skipped ${inlineCode(s.path)}: ${escapeMd(s.reason)}`);
  out.push("");
  return out;
}

