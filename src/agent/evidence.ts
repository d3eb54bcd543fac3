import type { RawFinding } from "../review/finding.js";
import type { StepResult, ToolchainReport } from "../toolchain/types.js";
import { sanitizeCode } from "./sanitize.js";

/**
 * Deterministic evidence as the model reads it: the toolchain's results (untrusted text from the
 * sandbox, sanitised here and delimited by the caller) and the analyzer's findings as numbered
 * hypotheses. Split into a global part (every chunk) and per-file parts (the chunk holding the file).
 */

const MESSAGE_CHARS = 400;
const FAILURE_CHARS = 800;
const MAX_FAILURES = 10;
const MAX_GLOBAL_FINDINGS = 15;

export interface Evidence {
  /** Step summaries, failing tests and findings outside the reviewable files. */
  global: string[];
  /** Tool findings per reviewable path. */
  toolsByFile: Map<string, string[]>;
  /** Analyzer hypotheses (`H<n>: …`, n = index + 1) per reviewable path. */
  hypothesesByFile: Map<string, string[]>;
}

export function buildEvidence(
  toolchain: ToolchainReport,
  analyzer: readonly RawFinding[],
  reviewable: ReadonlySet<string>,
): Evidence {
  const global: string[] = [];
  const toolsByFile = new Map<string, string[]>();
  const hypothesesByFile = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, path: string, line: string) => map.set(path, [...(map.get(path) ?? []), sanitizeCode(line)]);

  if (!toolchain.ran) global.push(`The toolchain did not run: ${clip(toolchain.reason ?? "no reason given", MESSAGE_CHARS)}`);
  let outside = 0;
  for (const step of toolchain.steps) {
    global.push(stepLine(step));
    global.push(...failingTests(step));
    if (step.coverage) global.push(...coverageLines(step, reviewable));
    for (const finding of step.findings) {
      if (finding.source === "test" && step.tests) continue; // failing tests are listed above with their messages
      const line = `  - ${findingLine(finding)}`;
      if (finding.path && reviewable.has(finding.path)) add(toolsByFile, finding.path, `- ${step.id}: ${findingLine(finding)}`);
      else if (outside++ < MAX_GLOBAL_FINDINGS) global.push(line);
    }
  }
  if (outside > MAX_GLOBAL_FINDINGS) global.push(`  … ${outside - MAX_GLOBAL_FINDINGS} more tool findings outside the reviewed files`);

  analyzer.forEach((finding, index) => {
    const line = `H${index + 1}: ${findingLine(finding)}${finding.checklistItem ? ` (checklist: ${finding.checklistItem})` : ""}`;
    if (finding.path && reviewable.has(finding.path)) add(hypothesesByFile, finding.path, line);
  });
  return { global: global.map(sanitizeCode), toolsByFile, hypothesesByFile };
}

function stepLine(step: StepResult): string {
  const counts = step.counts ? ` (${Object.entries(step.counts).map(([k, v]) => `${k}: ${v}`).join(", ")})` : "";
  const reason = step.reason ? ` — ${clip(step.reason, MESSAGE_CHARS)}` : "";
  const tests = step.tests ? ` — ${step.tests.failed + step.tests.invalid} of ${step.tests.total} tests failed${step.tests.completed ? "" : ", the run did not complete"}` : "";
  return `- ${step.command ?? step.id}: ${step.status}${counts}${tests}${reason}`;
}

function failingTests(step: StepResult): string[] {
  const failures = step.tests?.failures ?? [];
  const lines = failures.slice(0, MAX_FAILURES).map((test) => {
    const where = test.file ? ` at ${test.file}${test.line ? `:${test.line}` : ""}` : "";
    const message = test.failure ? `\n    ${clip(test.failure, FAILURE_CHARS).replace(/\n/g, "\n    ")}` : "";
    return `  - ${test.status} test: ${test.module} "${test.name}"${where}${message}`;
  });
  if (failures.length > MAX_FAILURES) lines.push(`  … ${failures.length - MAX_FAILURES} more failing tests`);
  return lines;
}

function coverageLines(step: StepResult, reviewable: ReadonlySet<string>): string[] {
  const coverage = step.coverage!;
  const changed = coverage.modules.filter((m) => m.path && reviewable.has(m.path));
  const lines = [`  - coverage: ${coverage.total.toFixed(1)} % total (threshold ${coverage.threshold} %)`];
  for (const m of changed.slice(0, 20)) lines.push(`  - ${m.module} (${m.path}): ${m.percent.toFixed(1)} %`);
  return lines;
}

function findingLine(finding: RawFinding): string {
  const where = finding.path ? `${finding.path}${finding.line ? `:${finding.line}` : ""}` : "project";
  const message = finding.message && finding.message !== finding.title ? ` — ${clip(finding.message, MESSAGE_CHARS)}` : "";
  return `${where} [${finding.rule}, ${finding.severity}] ${clip(finding.title, MESSAGE_CHARS)}${message}`;
}

function clip(text: string, max: number): string {
  const flat = text.trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}… (truncated)`;
}
