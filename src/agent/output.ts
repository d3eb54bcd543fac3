import type { AgentReport } from "./types.js";

/**
 * `@name` and `@org/team` in model-written prose would notify people when posted. Wrapping them in
 * a code span keeps the text readable and silent. Suggestions (code) are left alone.
 */
export function defuseMentions(text: string): string {
  return text.replace(/(^|[^\w`/@])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9_.-]+)?)(?![\w`])/g, "$1`@$2`");
}

/** Applies `defuseMentions` to every model-written prose field of a report. */
export function defuseReport(report: AgentReport): AgentReport {
  return {
    ...report,
    ...(report.summary !== undefined ? { summary: defuseMentions(report.summary) } : {}),
    checklist: report.checklist.map((c) => ({ ...c, evidence: defuseMentions(c.evidence) })),
    findings: report.findings.map((f) => ({ ...f, title: defuseMentions(f.title), message: defuseMentions(f.message) })),
    ...(report.hypotheses ? { hypotheses: report.hypotheses.map((h) => ({ ...h, reason: defuseMentions(h.reason) })) } : {}),
  };
}
