import type { ChecklistStatus } from "../../agent/types.js";
import type { ReviewReport } from "../../pipeline/types.js";
import { escapeMd, inlineCode } from "../../util/markdown.js";
import type { Finding, FindingSource } from "../finding.js";
import { checklistItems, type ChecklistItem, type EvidenceKind } from "./checklist-items.js";
import { ICON } from "./icons.js";

export type RowStatus = ChecklistStatus | "not_checked";

export interface ChecklistRow {
  item: string;
  title: string;
  status: RowStatus;
  evidence: string;
}

/** The checklist item a finding backs when its producer named none. */
const ITEM_OF_SOURCE: Partial<Record<FindingSource, string>> = {
  compile: "compiles-clean",
  format: "formatted",
  test: "tests-pass",
  credo: "credo",
  dialyzer: "typespecs",
};

const RANK: Record<RowStatus, number> = { fail: 0, concern: 1, pass: 2, not_applicable: 3, not_checked: 4 };

/**
 * The checklist table. Without the AI review it is derived deterministically: an item fails or
 * raises a concern when findings back it, passes when a tool that covers it ran and found
 * nothing, and is "not checked" when nothing covering it ran. With the AI review, the agent's
 * evaluation is shown next to the tools' — and never better than the tools' evidence.
 */
export function checklistRows(report: ReviewReport, items: readonly ChecklistItem[] = checklistItems()): ChecklistRow[] {
  const disabled = new Set(report.config.agent.disabledItems);
  const agentRan = report.agent.status === "ran" || report.agent.status === "partial";
  const byAgent = new Map(report.agent.checklist.map((c) => [c.item, c]));
  return items
    .filter((item) => !disabled.has(item.id))
    .map((item) => {
      const tools = fromTools(report, item);
      const agent = agentRan ? byAgent.get(item.id) : undefined;
      if (!agent) return { item: item.id, title: item.title, ...tools };
      const status = RANK[agent.status] < RANK[tools.status] || tools.status === "not_checked" ? agent.status : tools.status;
      const evidence = tools.status === "not_checked" ? `AI review: ${agent.evidence}` : `AI review: ${agent.evidence} · tools: ${tools.evidence}`;
      return { item: item.id, title: item.title, status, evidence };
    });
}

function fromTools(report: ReviewReport, item: ChecklistItem): { status: RowStatus; evidence: string } {
  const backing = report.findings.filter((f) => (f.checklistItem ?? ITEM_OF_SOURCE[f.source]) === item.id);
  const ran = item.evidence.filter((kind) => evidenceRan(report, kind));
  const missed = item.evidence.filter((kind) => !ran.includes(kind));
  const coverage = report.toolchain.steps.find((s) => s.id === "test")?.coverage;
  const lowCoverage = item.evidence.includes("coverage") && coverage !== undefined && coverage.total < coverage.threshold;
  if (backing.length > 0 || lowCoverage) {
    const severe = lowCoverage || backing.some((f) => f.severity === "blocker" || f.severity === "major");
    const parts = backing.slice(0, 2).map(describe);
    if (backing.length > 2) parts.push(`${backing.length - 2} more`);
    if (lowCoverage) parts.unshift(`coverage ${coverage.total.toFixed(1)} % < ${coverage.threshold} %`);
    return { status: severe ? "fail" : "concern", evidence: parts.join("; ") };
  }
  if (ran.length === 0) {
    const why = item.evidence.length === 0 ? "no tool covers this item" : `${item.evidence.join(", ")} did not run`;
    return { status: "not_checked", evidence: `${why}; only the AI review can judge it` };
  }
  const note = missed.length > 0 ? ` (not run: ${missed.join(", ")})` : "";
  return { status: "pass", evidence: `checked by ${ran.join(", ")}: nothing found${note}` };
}

function evidenceRan(report: ReviewReport, kind: EvidenceKind): boolean {
  if (kind === "analyzer") return report.analyzer.ran;
  if (kind === "coverage") return report.toolchain.steps.some((s) => s.id === "test" && s.coverage !== undefined);
  const step = report.toolchain.steps.find((s) => s.id === kind);
  return report.toolchain.ran && (step?.status === "passed" || step?.status === "failed");
}

function describe(f: Finding): string {
  const where = f.path ? `${f.path}${f.line ? `:${f.line}` : ""}` : "project";
  return `${where} ${f.title}`;
}

export function renderChecklist(report: ReviewReport): string[] {
  const rows = checklistRows(report);
  if (rows.length === 0) return [];
  const agentRan = report.agent.status === "ran" || report.agent.status === "partial";
  const out = [
    "#### Expert checklist",
    "",
    agentRan ? "Evaluated by the AI review and the tools' evidence." : "Derived from the tools' evidence alone: the AI review did not run.",
    "",
    "| item | status | evidence |",
    "|---|---|---|",
  ];
  for (const r of rows) {
    out.push(`| ${inlineCode(r.item)} ${escapeMd(r.title)} | ${ICON[r.status]} ${r.status.replace("_", " ")} | ${escapeMd(r.evidence.slice(0, 600))} |`);
  }
  out.push("");
  return out;
}
