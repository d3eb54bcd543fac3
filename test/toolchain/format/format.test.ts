import { describe, expect, it } from "vitest";
import { parseFormatCheck } from "../../../src/toolchain/format/check.js";
import { formatFindings, MAX_HUNKS_PER_FILE } from "../../../src/toolchain/format/findings.js";
import { diffLines } from "../../../src/toolchain/format/hunks.js";
import { sample } from "../helpers/samples.js";

/** The recorded `lib/errs.ex` before and after `mix format` (from the 1.15+ diffs). */
const ERRS_BEFORE = "defmodule Errs do\n  def a(x),   do: x+1\n  def b(y) do\n     [1,2,\n     3]\n  end\nend\n";
const ERRS_AFTER = "defmodule Errs do\n  def a(x), do: x + 1\n\n  def b(y) do\n    [1, 2, 3]\n  end\nend\n";

describe("parseFormatCheck", () => {
  it("1.14 lists the unformatted files (relative paths, no diff)", () => {
    for (const name of ["1.14.0_format_check.txt", "1.14_format_check.txt"] as const) {
      const check = parseFormatCheck(sample("format", name).text);
      expect(check.unformatted).toBe(true);
      expect(check.files).toEqual(["lib/errs.ex", "lib/b.ex"]);
      expect(check.hunks.size).toBe(0);
    }
  });

  for (const v of ["1.15.8", "1.16.3", "1.17.3", "1.18.4"] as const) {
    it(`${v}: strips the ANSI codes, keeps the absolute paths and turns the diff into hunks`, () => {
      const check = parseFormatCheck(sample("format", `${v}_format_check.txt`).text);
      const errs = `/srv/samples/v${v}/errs/lib/errs.ex`;
      expect(check.files).toEqual([errs, `/srv/samples/v${v}/errs/lib/b.ex`]);
      expect(check.hunks.get(errs)).toEqual([
        { oldStart: 2, oldLines: ["  def a(x),   do: x+1"], newLines: ["  def a(x), do: x + 1", ""] },
        { oldStart: 4, oldLines: ["     [1,2,", "     3]"], newLines: ["    [1, 2, 3]"] },
      ]);
    });
  }

  it("a file that does not parse, and the tool failures that are not about formatting", () => {
    expect(parseFormatCheck(sample("format", "1.14_format_syntax_error.txt").text).unparseable).toEqual({
      file: "lib/bad.ex",
      line: 3,
      column: 1,
      message: 'unexpected reserved word: end. The "(" at line 2 is missing terminator ")"',
    });
    for (const name of ["1.14_format_missing_deps.txt", "1.14_format_unavailable_import_deps.txt"] as const) {
      const check = parseFormatCheck(sample("format", name).text);
      expect([check.unformatted, check.files, check.unparseable]).toEqual([false, [], undefined]);
    }
  });
});

describe("diffLines", () => {
  it("finds the same hunks mix format prints", () => {
    expect(diffLines(ERRS_BEFORE, ERRS_AFTER)).toEqual(parseFormatCheck(sample("format", "1.18.4_format_check.txt").text).hunks.get("/srv/samples/v1.18.4/errs/lib/errs.ex"));
  });

  it("handles identical text, pure insertions, deletions and whole rewrites", () => {
    expect(diffLines("a\nb\n", "a\nb\n")).toEqual([]);
    expect(diffLines("a\nb\n", "a\n\nb\n")).toEqual([{ oldStart: 2, oldLines: [], newLines: [""] }]);
    expect(diffLines("a\n\n\nb\n", "a\n\nb\n")).toEqual([{ oldStart: 3, oldLines: [""], newLines: [] }]);
    expect(diffLines("x\n", "y\n")).toEqual([{ oldStart: 1, oldLines: ["x"], newLines: ["y"] }]);
  });

  it("stays fast and correct on a large file with scattered changes", () => {
    const before = Array.from({ length: 20_000 }, (_, i) => (i % 1000 === 0 ? `  def f${i}(x),do: x` : `  # line ${i}`)).join("\n");
    const after = before.replace(/,do:/g, ", do:");
    const hunks = diffLines(before, after);
    expect(hunks).toHaveLength(20);
    expect(hunks[1]).toEqual({ oldStart: 1001, oldLines: ["  def f1000(x),do: x"], newLines: ["  def f1000(x), do: x"] });
  });
});

describe("formatFindings", () => {
  it("gives small hunks a committable suggestion for exactly the replaced lines", () => {
    const findings = formatFindings("lib/errs.ex", diffLines(ERRS_BEFORE, ERRS_AFTER), ERRS_BEFORE);
    expect(findings.map((f) => [f.line, f.endLine, f.suggestion])).toEqual([
      [2, undefined, "  def a(x), do: x + 1\n"],
      [4, 5, "    [1, 2, 3]"],
    ]);
    expect(findings[0]).toMatchObject({ source: "format", rule: "format/unformatted", checklistItem: "formatted", severity: "minor", path: "lib/errs.ex" });
  });

  it("anchors a pure insertion on the line before and repeats it", () => {
    const [finding] = formatFindings("lib/a.ex", diffLines("a\nb\n", "a\n\nb\n"), "a\nb\n");
    expect([finding!.line, finding!.suggestion]).toEqual([1, "a\n"]);
  });

  it("large hunks carry the formatted code in the message instead of a suggestion", () => {
    const before = Array.from({ length: 30 }, (_, i) => `x${i}  =  ${i}`).join("\n");
    const after = Array.from({ length: 30 }, (_, i) => `x${i} = ${i}`).join("\n");
    const [finding] = formatFindings("lib/a.ex", diffLines(before, after), before);
    expect(finding!.suggestion).toBeUndefined();
    expect([finding!.line, finding!.endLine]).toEqual([1, 30]);
    expect(finding!.message).toContain("x29 = 29");
  });

  it("caps the findings per file and says how many places remain; a file without hunks gets one finding", () => {
    const before = Array.from({ length: 60 }, (_, i) => (i % 2 ? `a${i}` : `b${i},x`)).join("\n");
    const after = before.replace(/,x/g, ", x");
    const findings = formatFindings("lib/a.ex", diffLines(before, after), before);
    expect(findings).toHaveLength(MAX_HUNKS_PER_FILE + 1);
    expect(findings.at(-1)!.message).toContain("20 more places");
    expect(formatFindings("lib/b.ex", [], undefined)).toMatchObject([{ path: "lib/b.ex", title: "Not formatted: lib/b.ex" }]);
  });
});
