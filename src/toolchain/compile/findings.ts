import type { RawFinding } from "../../review/finding.js";
import { location, makeFinding } from "../findings.js";
import type { RepoPaths } from "../paths.js";
import type { CompileDiagnostic } from "./diagnostic.js";

/** Compiler warnings that are evidence for another checklist item than "compiles-clean". */
const CHECKLIST: [RegExp, string][] = [[/@impl|callback .* \(specified in \w+\)|behaviour/i, "otp-behaviours"]];

/** Warnings that mean the code will fail at run time, not just style. */
const SERIOUS = /is undefined|undefined function|undefined module|cannot match|will never match|is not available|does not exist|undefined behaviour function/i;

export interface CompileFindingOptions {
  warningsAsErrors: boolean;
  /** Umbrella: output under `==> dep` headers belongs to dependencies and is dropped. */
  umbrella: boolean;
}

/** Compiler diagnostics as findings; diagnostics about files outside the repository are dropped unless they are errors. */
export function compileFindings(diags: readonly CompileDiagnostic[], paths: RepoPaths, options: CompileFindingOptions): RawFinding[] {
  const out: RawFinding[] = [];
  for (const d of diags) {
    if (d.severity === "info") continue;
    if (options.umbrella && d.app && !paths.appDir(d.app) && d.severity !== "error") continue;
    const path = d.file ? paths.resolve(d.file, d.app) : undefined;
    if (d.severity === "warning" && d.file && !path) continue;
    const where = path ? "" : location(d.file, d.line, d.column);
    const first = d.message.split("\n")[0] ?? d.message;
    if (d.severity === "error") {
      out.push(
        makeFinding({
          source: "compile",
          rule: "compile/error",
          checklistItem: "compiles-clean",
          severity: "blocker",
          title: `Compile error: ${first}`,
          message: `The project does not compile${where ? ` (${where})` : ""}${d.exception ? ` — ${d.exception}` : ""}:\n\n\`\`\`\n${d.message}\n\`\`\``,
          path,
          line: d.line,
          endLine: d.endLine,
          column: d.column,
          evidence: d.text,
        }),
      );
      continue;
    }
    const serious = SERIOUS.test(d.message);
    out.push(
      makeFinding({
        source: "compile",
        rule: "compile/warning",
        checklistItem: CHECKLIST.find(([re]) => re.test(d.message))?.[1] ?? "compiles-clean",
        severity: options.warningsAsErrors || serious ? "major" : "minor",
        title: `Compiler warning: ${first}`,
        message:
          `\`mix compile\` warns${where ? ` (${where})` : ""}:\n\n\`\`\`\n${d.message}\n\`\`\`` +
          (serious ? "\n\nThis call or clause fails at run time; fix it rather than silencing the warning." : ""),
        path,
        line: d.line,
        endLine: d.endLine,
        column: d.column,
        evidence: d.text,
      }),
    );
  }
  return out;
}
