import { expect, it } from "vitest";
import { describeElixir, runFixture } from "../helpers/real.js";

describeElixir("a clean project, for real", () => {
  it("every step passes: compiles clean, formatted, tests and doctests pass, full coverage, dialyzer clean", { timeout: 900_000 }, async () => {
    const seen: string[] = [];
    const { report, step } = await runFixture("clean", { onStep: (r) => seen.push(`${r.id}:${r.status}`) });
    expect(report.ran).toBe(true);
    expect(report.versions?.elixir).toMatch(/^1\.\d+\.\d+/);
    expect(report.versions?.otp).toMatch(/^\d+/);
    expect(report.versionWarning).toBeUndefined();
    expect(seen).toEqual(["deps:passed", "compile:passed", "format:passed", "test:passed", "credo:skipped", "dialyzer:passed"]);
    expect(report.steps.flatMap((s) => s.findings)).toEqual([]);
    expect(step("compile").reason).toBe("compiled cleanly");
    expect(step("test").tests).toMatchObject({ total: 3, passed: 3, failed: 0, completed: true });
    expect(step("test").coverage).toEqual({ total: 100, threshold: 90, modules: [{ module: "Clean", percent: 100, path: "lib/clean.ex" }] });
    expect(step("credo").reason).toBe("the project does not use credo");
    expect(step("dialyzer").reason).toMatch(/^no warnings; PLT (from cache|built in \d+ s)$/);
    expect(report.steps.every((s) => s.durationMs >= 0)).toBe(true);
    expect([...report.cache!.restored, ...report.cache!.saved]).toContain("plt");
  });
});
