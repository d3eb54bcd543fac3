import type { Config } from "../../config/schema.js";
import type { Severity } from "../../review/finding.js";
import { matchesGlob } from "../../util/glob.js";

type AnalyzerConfig = Config["analyzer"];

/** `otp/impl-true`, `otp/*` (a whole area) or `*` (every rule). */
export function ruleMatches(pattern: string, ruleId: string): boolean {
  if (pattern === "*" || pattern === ruleId) return true;
  return pattern.endsWith("/*") && ruleId.startsWith(pattern.slice(0, -1));
}

/** Rules switched off for the repository or for this path. */
export function isRuleDisabled(config: AnalyzerConfig, ruleId: string, path: string): boolean {
  if (config.disabledRules.some((p) => ruleMatches(p, ruleId))) return true;
  return config.paths.some((entry) => matchesGlob(path, entry.path) && entry.disabledRules.some((p) => ruleMatches(p, ruleId)));
}

export function severityFor(config: AnalyzerConfig, ruleId: string, fallback: Severity): Severity {
  return config.severity[ruleId] ?? fallback;
}
