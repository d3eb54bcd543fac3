import { ruleInfos } from "../registry.js";
import type { AnalyzerReport } from "../types.js";

/** Machine-readable output: the report as the pipeline sees it, plus the rule catalogue. */
export function renderJson(report: AnalyzerReport): string {
  return `${JSON.stringify({ schemaVersion: 1, ...report, rules: ruleInfos() }, null, 2)}\n`;
}
