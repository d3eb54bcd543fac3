import { describe, expect, it } from "vitest";
import { RepoPaths } from "../../../src/toolchain/paths.js";
import { parseCoverageTable, parseCoverJsonl, summarise } from "../../../src/toolchain/test/coverage.js";
import { coverageFinding, uncoveredChangeFindings } from "../../../src/toolchain/test/findings.js";
import type { DiffFile } from "../../../src/workspace/types.js";
import { sample } from "../helpers/samples.js";

const VERSIONS = ["1.14.0", "1.15.8", "1.16.3", "1.17.3", "1.18.4"] as const;

/** As `agent/elixir/cover.exs` writes it: one line per suite (here two umbrella children share a module). */
const COVER_JSONL = [
  JSON.stringify({
    cwd: "/ck/apps/a",
    modules: [
      { module: "Calc", source: "/ck/apps/a/lib/calc.ex", lines: [[10, 4], [12, 0], [15, 1]] },
      { module: "Untested", source: "/ck/apps/a/lib/untested.ex", lines: [[5, 0], [6, 0], [7, 0], [11, 0]] },
    ],
  }),
  JSON.stringify({ cwd: "/ck/apps/b", modules: [{ module: "Calc", source: "/ck/apps/a/lib/calc.ex", lines: [[12, 2], [0, 9]] }] }),
  "garbage {",
  JSON.stringify({ cwd: "/ck", modules: [{ module: "Empty", lines: [] }] }),
].join("\n");

const paths = () => new RepoPaths("/ck", new Set(["apps/a/lib/calc.ex", "apps/a/lib/untested.ex"]), [{ app: "a", path: "apps/a" }]);

describe("coverage", () => {
  it("merges suites per module (highest count per line, line 0 skipped) and computes Mix's percentages", () => {
    const modules = parseCoverJsonl(COVER_JSONL);
    expect(modules.map((m) => [m.module, [...m.lines]])).toEqual([
      ["Calc", [[10, 4], [12, 2], [15, 1]]],
      ["Untested", [[5, 0], [6, 0], [7, 0], [11, 0]]],
      ["Empty", []],
    ]);
    const { report, uncovered } = summarise(modules, 90, paths());
    // 3 of 7 lines; a module without lines counts as 100 % like in Mix.
    expect(report.total).toBe(42.86);
    expect(report.modules).toEqual([
      { module: "Untested", percent: 0, path: "apps/a/lib/untested.ex" },
      { module: "Calc", percent: 100, path: "apps/a/lib/calc.ex" },
      { module: "Empty", percent: 100 },
    ]);
    expect(uncovered.get("apps/a/lib/untested.ex")).toEqual([5, 6, 7, 11]);
  });

  it("below the threshold: one major finding listing the least covered modules; at or above: none", () => {
    const result = summarise(parseCoverJsonl(COVER_JSONL), 90, paths());
    const finding = coverageFinding(result)!;
    expect(finding).toMatchObject({ rule: "test/coverage-below-threshold", checklistItem: "test-coverage", severity: "major" });
    expect(finding.title).toBe("Test coverage 42.86 % is below the 90 % threshold");
    expect(finding.message).toContain("| 0.00 % | `Untested` | `apps/a/lib/untested.ex` |");
    expect(coverageFinding(summarise(parseCoverJsonl(COVER_JSONL), 40, paths()))).toBeUndefined();
  });

  it("flags added lines that no test executed, per file, at the first one", () => {
    const result = summarise(parseCoverJsonl(COVER_JSONL), 90, paths());
    const diff = [{ path: "apps/a/lib/untested.ex", addedLines: [6, 7, 8, 11, 20] }, { path: "apps/a/lib/calc.ex", addedLines: [10] }] as DiffFile[];
    const findings = uncoveredChangeFindings(result, diff);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: "apps/a/lib/untested.ex", line: 6, severity: "minor", rule: "test/uncovered-change" });
    expect(findings[0]!.message).toContain("lines 6–7, 11");
  });

  for (const v of VERSIONS) {
    it(`${v}: reads the coverage summary table`, () => {
      const report = parseCoverageTable(sample("test", `${v}_mix_test_cover.txt`).text, 90)!;
      expect(report.total).toBe(80);
      expect(report.modules).toEqual([
        { module: "DocFail", percent: 0 },
        { module: "Demo", percent: 100 },
      ]);
    });
  }

  it("reads the 1.19 Markdown table too, and answers undefined without a Total row", () => {
    const table = ["| Percentage | Module     |", "|------------|------------|", "|     50.00% | Demo       |", "|     80.00% | Total      |"].join("\n");
    expect(parseCoverageTable(table, 90)).toEqual({ total: 80, threshold: 90, modules: [{ module: "Demo", percent: 50 }] });
    expect(parseCoverageTable(sample("test", "1.14.0_mix_test_fail.txt").text, 90)).toBeUndefined();
  });
});
