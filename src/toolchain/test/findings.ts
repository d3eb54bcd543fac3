import type { RawFinding } from "../../review/finding.js";
import type { DiffFile } from "../../workspace/types.js";
import { makeFinding } from "../findings.js";
import type { RepoPaths } from "../paths.js";
import type { CoverageResult } from "./coverage.js";
import type { ModuleFailure, ParsedTest, StackFrame, TestFailure } from "./model.js";

/** At most this many test findings; the report still lists every failure. */
export const MAX_TEST_FINDINGS = 50;

/** Where a failing test points: the failing line of the test file, or for doctests the docs. */
export function locate(test: ParsedTest, paths: RepoPaths): { path?: string; line?: number } {
  const app = appOf(test, paths);
  const file = test.file ? paths.resolve(test.file, app) : undefined;
  const failure = test.failures[0];
  if (test.testType === "doctest") {
    const frame = firstRepoFrame(failure?.stacktrace ?? [], paths, app);
    if (frame) return frame;
  }
  if (failure?.location) {
    const at = paths.resolve(failure.location.file, app);
    if (at) return { path: at, line: failure.location.line };
  }
  if (file) {
    const frame = (failure?.stacktrace ?? []).find((f) => f.file && f.line && paths.resolve(f.file, app) === file);
    const line = frame?.line ?? test.line;
    return line ? { path: file, line } : { path: file };
  }
  return firstRepoFrame(failure?.stacktrace ?? [], paths, app) ?? {};
}

export function testFinding(test: ParsedTest, paths: RepoPaths): RawFinding {
  const { path, line } = locate(test, paths);
  const failure = test.failures[0];
  const doctest = test.testType === "doctest";
  const label = test.name.replace(/^(test|doctest|property) /, "");
  const summary = failure ? failureSummary(failure) : "failed";
  return makeFinding({
    source: "test",
    rule: doctest ? "test/doctest-failure" : "test/failure",
    checklistItem: "tests-pass",
    severity: "blocker",
    title: `${doctest ? "Doctest" : "Test"} failed: ${label} (${test.module}) — ${summary.split("\n")[0]}`,
    message:
      `\`${test.name}\` in \`${test.module}\` fails:\n\n\`\`\`\n${failureText(failure)}\n\`\`\`` +
      (test.file ? `\n\nReproduce with \`mix test ${reproPath(test, paths)}\`.` : ""),
    path,
    line,
    evidence: test.formatted ?? failureText(failure),
  });
}

export function moduleFailureFinding(failure: ModuleFailure, invalidated: number, paths: RepoPaths): RawFinding {
  const app = failure.app ?? (failure.suiteCwd ? dirOf(failure.suiteCwd, paths) : undefined);
  const first = failure.failures[0];
  const at = first?.location ? paths.resolve(first.location.file, app) : undefined;
  const file = at ?? (failure.file ? paths.resolve(failure.file, app) : undefined);
  return makeFinding({
    source: "test",
    rule: "test/setup-all-failure",
    checklistItem: "tests-pass",
    severity: "blocker",
    title: `setup_all failed in ${failure.module}${invalidated ? `; ${invalidated} test${invalidated === 1 ? "" : "s"} never ran` : ""}: ${first ? failureSummary(first).split("\n")[0] : ""}`,
    message: `The \`setup_all\` callback of \`${failure.module}\` raised, so none of its tests ran:\n\n\`\`\`\n${failureText(first)}\n\`\`\``,
    path: file,
    line: at ? first?.location?.line : undefined,
    evidence: failure.formatted ?? failureText(first),
  });
}

/** Total coverage below the threshold: one project-level finding. */
export function coverageFinding(result: CoverageResult): RawFinding | undefined {
  const { total, threshold, modules } = result.report;
  if (total >= threshold) return undefined;
  const worst = modules
    .filter((m) => m.percent < threshold)
    .slice(0, 10)
    .map((m) => `| ${m.percent.toFixed(2)} % | \`${m.module}\` | ${m.path ? `\`${m.path}\`` : ""} |`);
  return makeFinding({
    source: "test",
    rule: "test/coverage-below-threshold",
    checklistItem: "test-coverage",
    severity: "major",
    title: `Test coverage ${total.toFixed(2)} % is below the ${threshold} % threshold`,
    message:
      `\`mix test --cover\` measured ${total.toFixed(2)} % line coverage; the threshold is ${threshold} %.` +
      (worst.length > 0 ? `\n\nLeast covered modules:\n\n| Coverage | Module | File |\n|---|---|---|\n${worst.join("\n")}` : ""),
  });
}

/** Lines the change added that no test executed: one finding per file, at the first such line. */
export function uncoveredChangeFindings(result: CoverageResult, diff: readonly DiffFile[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const file of diff) {
    const missed = result.uncovered.get(file.path);
    if (!missed || file.addedLines.length === 0) continue;
    const added = new Set(file.addedLines);
    const lines = missed.filter((l) => added.has(l));
    if (lines.length === 0) continue;
    out.push(
      makeFinding({
        source: "test",
        rule: "test/uncovered-change",
        checklistItem: "test-coverage",
        severity: "minor",
        title: `${lines.length} added line${lines.length === 1 ? "" : "s"} in ${file.path} never ran in the test suite`,
        message: `No test executes ${lines.length === 1 ? "line" : "lines"} ${ranges(lines)} of \`${file.path}\`, which this change adds. Add a test that exercises ${lines.length === 1 ? "it" : "them"}.`,
        path: file.path,
        line: lines[0],
      }),
    );
  }
  return out;
}

function failureSummary(failure: TestFailure): string {
  const prefix = failure.exception && failure.exception !== "ExUnit.AssertionError" ? `** (${failure.exception}) ` : "";
  return `${prefix}${failure.message.trim() || failure.kind}`;
}

function failureText(failure: TestFailure | undefined): string {
  if (!failure) return "(no failure details)";
  const parts = [failureSummary(failure)];
  if (failure.expr) parts.push(`code:  ${failure.expr}`);
  if (failure.left !== undefined) parts.push(`left:  ${failure.left}`);
  if (failure.right !== undefined) parts.push(`right: ${failure.right}`);
  const frames = failure.stacktrace.slice(0, 8).map((f) => `  ${f.text}`);
  if (frames.length > 0) parts.push("stacktrace:", ...frames);
  return parts.join("\n");
}

function firstRepoFrame(frames: readonly StackFrame[], paths: RepoPaths, app: string | undefined): { path: string; line: number } | undefined {
  for (const f of frames) {
    if (!f.file || !f.line) continue;
    const path = paths.resolve(f.file, app);
    if (path) return { path, line: f.line };
  }
  return undefined;
}

function appOf(test: ParsedTest, paths: RepoPaths): string | undefined {
  return test.app ?? (test.suiteCwd ? dirOf(test.suiteCwd, paths) : undefined);
}

/** The umbrella child directory a suite ran in, e.g. `apps/app_a`. */
function dirOf(cwd: string, paths: RepoPaths): string | undefined {
  return paths.appForDir(cwd);
}

function reproPath(test: ParsedTest, paths: RepoPaths): string {
  const file = test.file ? (paths.resolve(test.file, appOf(test, paths)) ?? test.file) : "";
  return test.line ? `${file}:${test.line}` : file;
}

function ranges(lines: number[]): string {
  const out: string[] = [];
  let start = lines[0]!;
  let prev = start;
  for (const line of [...lines.slice(1), Number.NaN]) {
    if (line === prev + 1) {
      prev = line;
      continue;
    }
    out.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = prev = line;
  }
  return out.slice(0, 12).join(", ") + (out.length > 12 ? ", …" : "");
}
