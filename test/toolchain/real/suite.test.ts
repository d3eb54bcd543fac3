import { expect, it } from "vitest";
import { describeElixir, runFixture, where } from "../helpers/real.js";

describeElixir("a test suite with every kind of outcome, for real", () => {
  it("reports passed, failed, erroring, timed-out, skipped, excluded, invalid and doctest results with file:line", { timeout: 600_000 }, async () => {
    const { step } = await runFixture("suite", { toolchain: { steps: { dialyzer: { enabled: false } } } });
    const test = step("test");
    expect(test.status).toBe("failed");
    expect(test.tests).toMatchObject({ total: 11, passed: 2, failed: 5, skipped: 1, excluded: 1, invalid: 2, completed: true });
    expect(typeof test.tests!.seed).toBe("number");
    expect(where(test)).toEqual([
      "blocker test/doctest-failure lib/doc_fail.ex:3",
      "blocker test/failure test/calc_test.exs:11",
      "blocker test/failure test/calc_test.exs:15",
      "blocker test/failure test/calc_test.exs:30",
      "blocker test/failure test/calc_test.exs:35",
      "blocker test/setup-all-failure test/setup_all_test.exs:5",
      "major test/coverage-below-threshold -:",
      "minor test/uncovered-change lib/untested.ex:5",
    ]);
    const raised = test.findings.find((f) => f.line === 15)!;
    expect(raised.title).toBe("Test failed: raises an error (CalcTest) — ** (ArithmeticError) bad argument in arithmetic expression");
    expect(raised.evidence).toContain("lib/calc.ex:12: Calc.divide/2");
    expect(test.findings.find((f) => f.rule === "test/setup-all-failure")!.title).toMatch(/2 tests never ran: \*\* \(RuntimeError\) setup_all exploded$/);
    expect(test.tests!.failures.map((f) => f.name).sort()).toEqual([
      "doctest module DocFail (1)",
      "test assertion failure",
      "test group refute failure",
      "test never runs",
      "test never runs either",
      "test raises an error",
      "test times out",
    ]);
    // Coverage below the threshold, per module, without hiding the failures (exit 2, not 3).
    expect(test.coverage!.total).toBeLessThan(90);
    expect(test.coverage!.modules[0]).toEqual({ module: "Untested", percent: 0, path: "lib/untested.ex" });
    expect(test.reason).toMatch(/^11 tests, 5 failures, 2 invalid, 1 skipped, 1 excluded; coverage \d+\.\d+ % \(threshold 90 %\)$/);
  });

  it("coverage can be switched off, and the threshold comes from config", { timeout: 600_000 }, async () => {
    const off = await runFixture("suite", { toolchain: { steps: { test: { coverage: false }, format: { enabled: false }, dialyzer: { enabled: false } } } });
    expect(off.step("test").coverage).toBeUndefined();
    expect(off.step("test").command).toBe("mix test");
    const low = await runFixture("suite", { toolchain: { steps: { test: { coverageThreshold: 10 }, format: { enabled: false }, dialyzer: { enabled: false } } } });
    expect(low.step("test").coverage!.threshold).toBe(10);
    expect(low.step("test").findings.some((f) => f.rule === "test/coverage-below-threshold")).toBe(false);
  });
});
