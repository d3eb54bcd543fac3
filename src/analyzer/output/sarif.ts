import type { RawFinding, Severity } from "../../review/finding.js";
import type { Rule } from "../rule.js";
import type { AnalyzerReport } from "../types.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { blocker: "error", major: "error", minor: "warning", info: "note" };

/** SARIF 2.1.0 for code-scanning tools: one run, the rule catalogue as the driver's rules. */
export function renderSarif(report: AnalyzerReport, rules: readonly Rule[]): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "elixir-agent-analyzer",
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.why },
              help: { text: r.fix, markdown: r.fix },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { checklistItem: r.checklistItem, severity: r.severity },
            })),
          },
        },
        results: report.findings.map((f) => result(f, index.get(f.rule))),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function result(f: RawFinding, ruleIndex: number | undefined) {
  const region: Record<string, number> = { startLine: f.line ?? 1, endLine: f.endLine ?? f.line ?? 1 };
  if (f.column !== undefined) region.startColumn = f.column;
  const artifactLocation = { uri: f.path ?? ".", uriBaseId: "%SRCROOT%" };
  return {
    ruleId: f.rule,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: `${f.title}\n\n${f.message}` },
    locations: [{ physicalLocation: { artifactLocation, region } }],
    properties: { severity: f.severity, checklistItem: f.checklistItem },
    ...(f.suggestion !== undefined
      ? {
          fixes: [
            {
              description: { text: "Suggested replacement" },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: [
                    {
                      deletedRegion: { startLine: f.line ?? 1, endLine: f.endLine ?? f.line ?? 1 },
                      insertedContent: { text: f.suggestion },
                    },
                  ],
                },
              ],
            },
          ],
        }
      : {}),
  };
}
