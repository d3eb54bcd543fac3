import { emptyUsage } from "./client/usage.js";
import type { AgentReport } from "./types.js";

/**
 * The report of an AI review that did not run. `reason` is a short clause ("no ANTHROPIC_API_KEY
 * is configured for this app"): the summary, the tools table, the gate banner and the CLI each
 * put it in their own sentence.
 */
export function agentNotRun(status: "skipped" | "failed", reason: string, extra: Partial<AgentReport> = {}): AgentReport {
  return { status, reason, checklist: [], findings: [], filesSeen: [], filesNotSeen: [], usage: emptyUsage(), calls: 0, ...extra };
}
