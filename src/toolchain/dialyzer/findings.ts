import type { RawFinding } from "../../review/finding.js";
import { location, makeFinding } from "../findings.js";
import type { RepoPaths } from "../paths.js";
import type { DialyzerWarning } from "./parse.js";

/** Spec problems are evidence for "typespecs"; ignored return values for "error-handling". */
function checklistItem(name: string): string {
  return name === "unmatched_return" ? "error-handling" : "typespecs";
}

export function dialyzerFinding(w: DialyzerWarning, paths: RepoPaths, tool: "dialyxir" | "dialyzer"): RawFinding {
  const path = paths.resolve(w.file);
  return makeFinding({
    source: "dialyzer",
    rule: `dialyzer/${w.name}`,
    checklistItem: checklistItem(w.name),
    severity: "major",
    title: `Dialyzer ${w.name}: ${w.message}`,
    message:
      `${tool === "dialyxir" ? "`mix dialyzer`" : "Dialyzer"} reports \`${w.name}\`${path ? "" : ` at \`${location(w.file, w.line, w.column)}\``}:\n\n` +
      `\`\`\`\n${w.message}\n\`\`\`\n\nEither the code or its \`@spec\` is wrong; dialyzer only reports what is certain to fail.`,
    path,
    line: w.line,
    column: w.column,
    evidence: `${location(w.file, w.line, w.column)}: ${w.message}`,
  });
}
