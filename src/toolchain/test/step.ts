import { join } from "node:path";
import type { RawFinding } from "../../review/finding.js";
import type { CompileDiagnostic } from "../compile/diagnostic.js";
import { parseCompileText } from "../compile/text.js";
import { runTool, truncationNote } from "../exec.js";
import { makeFinding } from "../findings.js";
import { helperPath } from "../helpers.js";
import { describeCounts, outcome } from "../result.js";
import { tailLines } from "../text/ansi.js";
import { lastWords, mixFailureReason } from "../text/mix-errors.js";
import type { CoverageReport, StepContext, StepResult, TestCase, TestReport, ToolStep } from "../types.js";
import { clearOutput, readOutput } from "../workdir.js";
import { parseCoverageTable, parseCoverJsonl, summarise } from "./coverage.js";
import { coverageFinding, locate, MAX_TEST_FINDINGS, moduleFailureFinding, testFinding, uncoveredChangeFindings } from "./findings.js";
import { parseExUnitJsonl } from "./jsonl.js";
import type { ParsedRun } from "./model.js";
import { parseExUnitText } from "./text.js";

/**
 * `mix test` with the injected JSON formatter next to the CLI one, and `--cover
 * --export-coverage` so Mix neither prints its own threshold verdict nor replaces the exit status
 * of failing tests with 3. The JSON is authoritative; the CLI text is the fallback.
 */
export const testStep: ToolStep = {
  id: "test",
  title: "Tests",
  needs: ["deps", "compile"],
  defaultTimeoutSeconds: 1200,
  async run(ctx: StepContext): Promise<StepResult> {
    const started = Date.now();
    const settings = ctx.config.steps.test;
    const testsPath = join(ctx.outDir, "tests.jsonl");
    const coverPath = join(ctx.outDir, "cover.jsonl");
    await clearOutput(testsPath);
    await clearOutput(coverPath);
    const args = ["-r", helperPath(ctx.helpersDir, "ex_unit_json_formatter.exs"), "-S", "mix", "test", "--no-color"];
    args.push("--formatter", "ExUnit.CLIFormatter", "--formatter", "ElixirAgent.ExUnitJSONFormatter");
    if (settings.coverage) args.push("--cover", "--export-coverage", "elixir_agent");
    args.push(...settings.args);
    const command = ["mix test", settings.coverage ? "--cover" : "", ...settings.args].filter(Boolean).join(" ");
    const env: Record<string, string> = { ELIXIR_AGENT_TESTS_PATH: testsPath };
    if (settings.coverage) env.ELIXIR_AGENT_COVER_PATH = coverPath;
    const run = await runTool(ctx, "elixir", args, { env });

    const jsonl = await readOutput(ctx.workspace.root, testsPath);
    let parsed: ParsedRun = jsonl ? parseExUnitJsonl(jsonl) : parseExUnitText(run.output);
    if (jsonl && parsed.suitesStarted === 0) parsed = parseExUnitText(run.output);
    for (const cwd of parsed.cwds) if (!ctx.paths.appForDir(cwd)) ctx.paths.addRoot(cwd);

    // ExUnit announces the suite before Mix has loaded the test files: a file that does not compile
    // leaves a started suite with nothing in it.
    const ran = parsed.tests.length > 0 || parsed.moduleFailures.length > 0 || parsed.suitesFinished > 0;
    if (!ran) {
      if (run.infra) return outcome("test", "not_run", run.infra, started, command);
      return noSuite(ctx, run.output, run.result.exitCode, started, command);
    }

    const report = testReport(parsed, ctx);
    const findings = testFindings(parsed, ctx);
    const coverage = settings.coverage ? await coverageOf(ctx, coverPath, run.output, settings.coverageThreshold, findings) : undefined;
    const failed = report.failed + report.invalid > 0 || parsed.moduleFailures.length > 0;
    const exitMismatch = !failed && !run.infra && report.completed && run.result.exitCode !== 0;
    if (exitMismatch) {
      findings.push(
        makeFinding({
          source: "test",
          rule: "test/run-failed",
          checklistItem: "tests-pass",
          severity: "major",
          title: `mix test exited with status ${run.result.exitCode} although every test passed`,
          message: "ExUnit reported no failures, but `mix test` still failed (for example warnings with `--warnings-as-errors`, or an `--only` filter that matched nothing).",
          evidence: tailLines(run.output, 20),
        }),
      );
    }
    const reason = [
      summaryLine(report),
      coverage ? `coverage ${coverage.total.toFixed(2)} % (threshold ${coverage.threshold} %)` : settings.coverage ? "coverage unavailable" : undefined,
      run.infra ?? (!report.completed ? "the run ended before the suite finished (crashed or killed)" : undefined),
      parsed.maxFailuresReached ? "stopped at --max-failures" : undefined,
      ...parsed.problems,
      truncationNote(run.result),
    ].filter(Boolean);
    const result: StepResult = {
      id: "test",
      status: run.infra ? "not_run" : failed || exitMismatch ? "failed" : report.completed ? "passed" : "not_run",
      reason: reason.join("; "),
      durationMs: Date.now() - started,
      findings,
      counts: { tests: report.total, failures: report.failed, invalid: report.invalid, skipped: report.skipped },
      tests: report,
      command,
    };
    if (coverage) result.coverage = coverage;
    return result;
  },
};

function testReport(parsed: ParsedRun, ctx: StepContext): TestReport {
  const count = (status: string) => parsed.tests.filter((t) => t.status === status).length;
  const failures: TestCase[] = parsed.tests
    .filter((t) => t.status === "failed" || t.status === "invalid")
    .map((t) => {
      const { path, line } = locate(t, ctx.paths);
      const c: TestCase = { module: t.module, name: t.name, status: t.status };
      if (path) c.file = path;
      if (line) c.line = line;
      if (t.timeUs !== undefined) c.durationMs = Math.round(t.timeUs / 1000);
      const message = t.failures[0]?.message ?? t.reason;
      if (message) c.failure = message;
      return c;
    });
  const summary = parsed.summary;
  const report: TestReport = summary
    ? {
        total: summary.total,
        failed: summary.failures,
        skipped: summary.skipped,
        excluded: summary.excluded,
        invalid: summary.invalid,
        passed: Math.max(0, summary.total - summary.failures - summary.skipped - summary.excluded - summary.invalid),
        completed: true,
        failures,
      }
    : {
        total: parsed.tests.length,
        passed: count("passed"),
        failed: count("failed"),
        skipped: count("skipped"),
        excluded: count("excluded"),
        invalid: count("invalid"),
        completed: parsed.suitesStarted > 0 && parsed.suitesFinished >= parsed.suitesStarted,
        failures,
      };
  if (parsed.seed !== undefined) report.seed = parsed.seed;
  return report;
}

function testFindings(parsed: ParsedRun, ctx: StepContext): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const failure of parsed.moduleFailures) {
    const invalidated = parsed.tests.filter((t) => t.status === "invalid" && t.module === failure.module).length;
    findings.push(moduleFailureFinding(failure, invalidated, ctx.paths));
  }
  const failed = parsed.tests.filter((t) => t.status === "failed");
  for (const test of failed.slice(0, MAX_TEST_FINDINGS)) findings.push(testFinding(test, ctx.paths));
  if (failed.length > MAX_TEST_FINDINGS) {
    findings.push(
      makeFinding({
        source: "test",
        rule: "test/failure",
        checklistItem: "tests-pass",
        severity: "blocker",
        title: `${failed.length - MAX_TEST_FINDINGS} more failing tests`,
        message: `Only the first ${MAX_TEST_FINDINGS} failing tests are annotated; ${failed.length} failed in total.`,
      }),
    );
  }
  return findings;
}

async function coverageOf(
  ctx: StepContext,
  coverPath: string,
  output: string,
  threshold: number,
  findings: RawFinding[],
): Promise<CoverageReport | undefined> {
  const text = await readOutput(ctx.workspace.root, coverPath);
  const modules = text ? parseCoverJsonl(text) : [];
  if (modules.length === 0) {
    const table = parseCoverageTable(output, threshold);
    if (table && table.total < threshold) {
      const finding = coverageFinding({ report: table, uncovered: new Map() });
      if (finding) findings.push(finding);
    }
    return table;
  }
  const result = summarise(modules, threshold, ctx.paths);
  const below = coverageFinding(result);
  if (below) findings.push(below);
  findings.push(...uncoveredChangeFindings(result, ctx.workspace.diff));
  return result.report;
}

/**
 * Nothing from ExUnit: test files that do not compile, or Mix refusing or crashing before any test.
 * Only an error located in a file is the code failing to compile; an exception nothing locates
 * (a process exit, a crash inside Mix or ExUnit) means the run could not happen.
 */
function noSuite(ctx: StepContext, output: string, exitCode: number | null, started: number, command: string): StepResult {
  const missing = noTestSuite(output);
  if (missing) return outcome("test", "not_run", missing, started, command);
  const diags = parseCompileText(output).diagnostics.filter((d): d is CompileDiagnostic & { file: string } => d.severity === "error" && d.file !== undefined);
  if (diags.length > 0) {
    const findings = diags.map((d) => {
      const path = ctx.paths.resolve(d.file, d.app);
      return makeFinding({
        source: "test",
        rule: "test/compile-error",
        checklistItem: "tests-pass",
        severity: "blocker",
        title: `Test suite does not compile: ${d.message.split("\n")[0]}`,
        message: `No test ran: \`mix test\` failed to compile \`${d.file}\`:\n\n\`\`\`\n${d.message}\n\`\`\``,
        path,
        line: d.line,
        column: d.column,
        evidence: d.text,
      });
    });
    return { id: "test", status: "failed", reason: "the test suite does not compile", durationMs: Date.now() - started, findings, command };
  }
  const why = mixFailureReason(output) ?? `mix test exited with status ${exitCode} before any test ran: ${lastWords(output)}`;
  return outcome("test", "not_run", why, started, command);
}

/**
 * A project without tests is not a failing project. Mix 1.14 crashes with an exit from
 * `ExUnit.Server` when no test path exists (ExUnit was never started); newer Mix versions say so.
 */
function noTestSuite(output: string): string | undefined {
  const helper = /Cannot run tests because test helper file "([^"]+)" does not exist/.exec(output);
  if (helper) return `no test suite: the test helper ${helper[1]} does not exist`;
  if (/GenServer\.call\(ExUnit\.Server, :modules_loaded/.test(output) || /did not match any directory\/file: test\b/.test(output)) {
    return "no test suite: the project has no test directory (test/test_helper.exs), so no test ran";
  }
  return undefined;
}

function summaryLine(report: TestReport): string {
  const parts = describeCounts(
    { failed: report.failed, invalid: report.invalid, skipped: report.skipped, excluded: report.excluded },
    { failed: ["failure", "failures"], invalid: ["invalid", "invalid"], skipped: ["skipped", "skipped"], excluded: ["excluded", "excluded"] },
  );
  return `${report.total} test${report.total === 1 ? "" : "s"}${parts ? `, ${parts}` : ", all passed"}`;
}
