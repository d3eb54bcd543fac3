import type { AnalyzerReport } from "../../../src/analyzer/types.js";
import type { AnalyzerStageInput, Stages } from "../../../src/pipeline/stages.js";
import type { RawFinding } from "../../../src/review/finding.js";

/**
 * A small but real analyzer stage for publishing tests (the tree-sitter analyzer is built on
 * another branch): it reads the changed Elixir files of the real checkout and reports what a
 * reviewer would, over whole files (scope `all`), so findings outside the diff exist too.
 */
export async function scanAnalyzer(input: AnalyzerStageInput): Promise<AnalyzerReport> {
  const findings: RawFinding[] = [];
  let lines = 0;
  const files = input.workspace.diff.filter((f) => f.status !== "deleted" && /\.exs?$/.test(f.path));
  for (const file of files) {
    const text = (await input.workspace.readFile(file.path)) ?? "";
    const rows = text.split("\n");
    lines += rows.length;
    rows.forEach((row, i) => findings.push(...scanLine(file.path, rows, row, i + 1)));
  }
  return { ran: true, findings, filesAnalyzed: files.length, linesAnalyzed: lines, skipped: [], durationMs: 3 };
}

function scanLine(path: string, rows: string[], row: string, line: number): RawFinding[] {
  const out: RawFinding[] = [];
  if (row.includes("String.to_atom(")) {
    out.push({
      source: "analyzer",
      rule: "security/string-to-atom",
      checklistItem: "security-atom-exhaustion",
      severity: "major",
      path,
      line,
      title: "String.to_atom/1 on external input can exhaust the atom table",
      message: "Atoms are never garbage-collected. Use `String.to_existing_atom/1` or map the allowed values explicitly.",
      suggestion: row.replace("String.to_atom(", "String.to_existing_atom("),
    });
  }
  if (row.includes("IO.inspect(")) {
    out.push({
      source: "analyzer",
      rule: "debug/io-inspect",
      severity: "minor",
      path,
      line,
      title: "Leftover IO.inspect/1",
      message: "Debug output left in library code; remove it or use `Logger.debug/1`.",
      suggestion: "",
    });
  }
  const nil = /^(\s*)if is_nil\((\w+)\) do$/.exec(row);
  if (nil) {
    const indent = nil[1]!;
    const end = rows.findIndex((r, i) => i >= line && r === `${indent}end`);
    if (end > 0) {
      const body = rows.slice(line, end);
      const elseAt = body.indexOf(`${indent}else`);
      const [whenNil, otherwise] = elseAt >= 0 ? [body.slice(0, elseAt), body.slice(elseAt + 1)] : [body, [`${indent}  nil`]];
      out.push({
        source: "analyzer",
        rule: "style/if-is-nil",
        checklistItem: "pattern-matching",
        severity: "minor",
        path,
        line,
        endLine: end + 1,
        title: "Prefer pattern matching over if is_nil/1",
        message: "Match on `nil` in a `case` (or in function heads) instead of branching on `is_nil/1`.",
        suggestion: [`${indent}case ${nil[2]} do`, `${indent}  nil ->`, ...whenNil.map((r) => `  ${r}`), `${indent}  _ ->`, ...otherwise.map((r) => `  ${r}`), `${indent}end`].join("\n"),
      });
    }
  }
  return out;
}

export const analyzerStages: Partial<Stages> = { analyzer: scanAnalyzer };
