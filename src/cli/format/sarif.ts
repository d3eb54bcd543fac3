import type { Log, ReportingDescriptor, Result } from "sarif";
import type { ReviewReport } from "../../pipeline/types.js";
import type { Finding, Severity } from "../../review/finding.js";

const LEVEL: Record<Severity, Result.level> = { blocker: "error", major: "error", minor: "warning", info: "note" };

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, a rule per
 * finding rule, results with repository-relative URIs under %SRCROOT% and our stable fingerprint
 * as a partial fingerprint. Findings without a file location are listed in the run's properties
 * (code scanning needs a location for every result).
 */
export function toSarif(report: ReviewReport, version: string): Log {
  const located = report.findings.filter((f): f is Finding & { path: string; line: number } => !!f.path && !!f.line && f.line > 0);
  const rules: ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of located) {
    if (ruleIndex.has(f.rule)) continue;
    ruleIndex.set(f.rule, rules.length);
    rules.push({
      id: f.rule,
      name: f.rule.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : "")),
      shortDescription: { text: f.title.slice(0, 1000) },
      defaultConfiguration: { level: LEVEL[f.severity] },
      properties: { tags: [f.source, ...(f.checklistItem ? [f.checklistItem] : [])] },
    });
  }
  const results: Result[] = located.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule)!,
    level: LEVEL[f.severity],
    message: { text: `${f.title}\n\n${f.message}`.trim() },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(f.path), uriBaseId: "%SRCROOT%" },
          region: {
            startLine: f.line,
            ...(f.endLine && f.endLine >= f.line ? { endLine: f.endLine } : {}),
            ...(f.column && f.column > 0 ? { startColumn: f.column } : {}),
          },
        },
      },
    ],
    partialFingerprints: { "elixirAgentFingerprint/v1": f.fingerprint },
    properties: { source: f.source, severity: f.severity },
  }));
  const unlocated = report.findings.filter((f) => !located.includes(f as never));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "elixir-agent", version, informationUri: "https://github.com/elixir-agent/elixir-agent", rules } },
        automationDetails: { id: "elixir-agent/" },
        results,
        properties: {
          conclusion: report.gate.conclusion,
          reasons: report.gate.reasons,
          findingsWithoutLocation: unlocated.map((f) => ({ rule: f.rule, severity: f.severity, title: f.title })),
        },
      },
    ],
  };
}
