import { describe, expect, it } from "vitest";
import { RepoPaths } from "../../../src/toolchain/paths.js";
import { locate, moduleFailureFinding, testFinding } from "../../../src/toolchain/test/findings.js";
import { parseExUnitJsonl } from "../../../src/toolchain/test/jsonl.js";
import type { ParsedRun } from "../../../src/toolchain/test/model.js";
import { parseExUnitText } from "../../../src/toolchain/test/text.js";
import { sample } from "../helpers/samples.js";

const VERSIONS = ["1.14.0", "1.15.8", "1.16.3", "1.17.3", "1.18.4"] as const;
const DEMO_FILES = new Set(["test/demo_test.exs", "test/setup_test.exs", "lib/demo.ex", "lib/doc_fail.ex", "mix.exs"]);

/** The checkout lives elsewhere than where the samples were recorded: suite cwds become roots. */
function demoPaths(run: ParsedRun): RepoPaths {
  const paths = new RepoPaths("/work/checkout", DEMO_FILES);
  for (const cwd of run.cwds) paths.addRoot(cwd);
  return paths;
}

const FAILING_LINES = [10, 15, 19, 23, 28, 31, 44];

describe("parseExUnitJsonl (the injected JSON formatter's events)", () => {
  for (const v of VERSIONS) {
    it(`${v}: 8 failed, 2 passed, 1 skipped, 1 invalid, one setup_all failure, suite finished`, () => {
      const run = parseExUnitJsonl(sample("test", `${v}_tests.jsonl`).text);
      const count = (s: string) => run.tests.filter((t) => t.status === s).length;
      expect([count("failed"), count("passed"), count("skipped"), count("invalid")]).toEqual([8, 2, 1, 1]);
      expect(run.moduleFailures.map((m) => m.module)).toEqual(["SetupAllFailTest"]);
      expect([run.suitesStarted, run.suitesFinished, run.seed]).toEqual([1, 1, 0]);
      expect(run.problems).toEqual([]);
    });

    it(`${v}: failures point at the failing line of the test file; doctests at the docs`, () => {
      const run = parseExUnitJsonl(sample("test", `${v}_tests.jsonl`).text);
      const paths = demoPaths(run);
      const located = run.tests.filter((t) => t.status === "failed").map((t) => locate(t, paths));
      const inTest = located.filter((l) => l.path === "test/demo_test.exs").map((l) => l.line).sort((a, b) => a! - b!);
      // The exit test has no frame: it falls back to the test's own line (31).
      expect(inTest).toEqual(FAILING_LINES);
      expect(located).toContainEqual({ path: "lib/doc_fail.ex", line: 3 });
    });
  }

  it("turns a failure into a blocker finding with the CLI text as evidence", () => {
    const run = parseExUnitJsonl(sample("test", "1.14.0_tests.jsonl").text);
    const test = run.tests.find((t) => t.name === "test assertion failure")!;
    const finding = testFinding(test, demoPaths(run));
    expect(finding).toMatchObject({
      source: "test",
      rule: "test/failure",
      checklistItem: "tests-pass",
      severity: "blocker",
      path: "test/demo_test.exs",
      line: 10,
      title: "Test failed: assertion failure (DemoTest) — Assertion with == failed",
    });
    expect(finding.message).toContain("left:  3");
    expect(finding.message).toContain("mix test test/demo_test.exs:9");
    expect(finding.evidence).toContain("  2) test assertion failure (DemoTest)");
  });

  it("a setup_all failure is one finding that says how many tests never ran", () => {
    const run = parseExUnitJsonl(sample("test", "1.14.0_tests.jsonl").text);
    const finding = moduleFailureFinding(run.moduleFailures[0]!, 1, demoPaths(run));
    expect(finding).toMatchObject({ rule: "test/setup-all-failure", path: "test/setup_test.exs", line: 5 });
    expect(finding.title).toBe("setup_all failed in SetupAllFailTest; 1 test never ran: ** (RuntimeError) setup_all exploded");
  });

  it("umbrella: one suite per child, paths through the child's directory", () => {
    const run = parseExUnitJsonl(sample("test", "1.14.0_umbrella_tests.jsonl").text);
    expect([run.suitesStarted, run.suitesFinished]).toEqual([2, 2]);
    const paths = new RepoPaths("/srv/samples/umb", new Set(["apps/app_a/test/app_a_test.exs", "apps/app_b/test/app_b_test.exs"]), [
      { app: "app_a", path: "apps/app_a" },
      { app: "app_b", path: "apps/app_b" },
    ]);
    const located = run.tests.filter((t) => t.status === "failed").map((t) => locate(t, paths));
    expect(located).toEqual([
      { path: "apps/app_a/test/app_a_test.exs", line: 5 },
      { path: "apps/app_b/test/app_b_test.exs", line: 4 },
    ]);
  });

  it("a killed run (no suite_finished, truncated last line) is incomplete, not an error", () => {
    const text = sample("test", "1.14.0_tests.jsonl").text;
    const cut = text.slice(0, text.lastIndexOf("{\"event\":\"suite_finished\"") - 40);
    const run = parseExUnitJsonl(cut);
    expect(run.suitesFinished).toBe(0);
    expect(run.problems).toEqual(["1 unreadable line in the test results"]);
    expect(run.tests.length).toBeGreaterThan(5);
  });

  it("deduplicates a test reported twice and reads formatter errors", () => {
    const line = JSON.stringify({ event: "test_finished", module: "A", name: "test a", file: "/x/test/a_test.exs", line: 3, status: "passed" });
    const run = parseExUnitJsonl([line, line, JSON.stringify({ event: "formatter_error", message: "boom" })].join("\n"));
    expect(run.tests).toHaveLength(1);
    expect(run.problems).toEqual(["JSON formatter error: boom"]);
  });
});

describe("parseExUnitText (the CLI output fallback)", () => {
  for (const v of VERSIONS) {
    it(`${v}: seven failures with their test and failing lines, and the summary`, () => {
      const run = parseExUnitText(sample("test", `${v}_mix_test_fail.txt`).text);
      expect(run.summary).toEqual({ total: 10, failures: 7, skipped: 1, excluded: 0, invalid: 0 });
      expect(run.tests).toHaveLength(7);
      const lines = run.tests.map((t) => t.failures[0]?.location?.line ?? t.line).sort((a, b) => a! - b!);
      expect(lines).toEqual(FAILING_LINES);
      const custom = run.tests.find((t) => t.name === "test raise custom")!;
      expect(custom.failures[0]).toMatchObject({ exception: "ArgumentError", message: "bad things\nhappened on two lines" });
      expect(typeof run.seed).toBe("number");
    });

    it(`${v}: the coverage run still shows every failure (exit 3 must not hide them)`, () => {
      const s = sample("test", `${v}_mix_test_cover.txt`);
      expect(s.exit).toBe(3);
      const run = parseExUnitText(s.text);
      expect(run.summary!.failures).toBe(7);
      expect(run.tests).toHaveLength(7);
    });

    it(`${v}: CLI output next to the JSON formatter parses the same`, () => {
      const run = parseExUnitText(sample("test", `${v}_json_fmt_stdout.txt`).text);
      expect(run.summary).toMatchObject({ total: 12, failures: 8, invalid: 1, skipped: 1 });
      expect(run.moduleFailures.map((m) => m.module)).toEqual(["SetupAllFailTest"]);
      expect(run.tests.find((t) => t.testType === "doctest")).toMatchObject({ module: "DocFailTest", name: "doctest DocFail.two/0 (1)" });
    });
  }

  it("--export-coverage: failures and summary, no coverage table (exit 2 stays 2)", () => {
    const s = sample("test", "1.14.0_cover_export.txt");
    const run = parseExUnitText(s.text);
    expect(run.summary).toMatchObject({ total: 10, failures: 7, skipped: 1 });
    expect(run.tests).toHaveLength(7);
  });

  it("setup_all and doctest failures (1.14)", () => {
    const run = parseExUnitText(sample("test", "1.14_mix_test_setup_all_doctest.txt").text);
    expect(run.moduleFailures[0]).toMatchObject({ module: "SetupAllFailTest", file: "test/setup_test.exs" });
    expect(run.moduleFailures[0]!.failures[0]).toMatchObject({ exception: "RuntimeError", message: "setup_all exploded" });
    expect(run.summary).toMatchObject({ invalid: 1, failures: 1 });
  });

  it("umbrella: summaries add up over the children, failures keep their app", () => {
    for (const name of ["1.14.0_umbrella_test.txt", "1.15.8_umbrella_test.txt", "1.18.4_umbrella_test.txt"] as const) {
      const run = parseExUnitText(sample("test", name).text);
      expect(run.summary).toMatchObject({ total: 3, failures: 2 });
      expect(run.tests.map((t) => [t.app, t.file, t.failures[0]?.location?.line])).toEqual([
        ["app_a", "apps/app_a/test/app_a_test.exs", 5],
        ["app_b", "apps/app_b/test/app_b_test.exs", 4],
      ]);
    }
  });

  it("--warnings-as-errors in tests: everything passed, no failure to report", () => {
    for (const name of ["1.14.0_test_wae.txt", "1.18.4_test_wae.txt"] as const) {
      const run = parseExUnitText(sample("test", name).text);
      expect(run.summary).toMatchObject({ total: 1, failures: 0 });
      expect(run.tests).toEqual([]);
    }
  });
});
