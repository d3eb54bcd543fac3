import { describe, expect, it } from "vitest";
import { CREDO_SEVERITY, credoFinding } from "../../../src/toolchain/credo/findings.js";
import { decodeCredoExit, excludedFiles, parseCredoOutput, priorityName } from "../../../src/toolchain/credo/parse.js";
import { RepoPaths } from "../../../src/toolchain/paths.js";
import { sample } from "../helpers/samples.js";

const LINTME = [
  "Credo.Check.Design.TagTODO@4",
  "Credo.Check.Readability.ModuleDoc@1",
  "Credo.Check.Refactor.FilterFilter@20",
  "Credo.Check.Refactor.Nesting@12",
  "Credo.Check.Refactor.UnlessWithElse@23",
  "Credo.Check.Warning.ExpensiveEmptyEnumCheck@31",
  "Credo.Check.Warning.IoInspect@3",
];
const ids = (issues: { check: string; line?: number }[]) => issues.map((i) => `${i.check}@${i.line}`).sort();

describe("credo", () => {
  it("reads `--format json` (pretty-printed, stdout)", () => {
    const issues = parseCredoOutput(sample("credo", "credo_json.txt").text)!;
    expect(ids(issues)).toEqual(LINTME);
    expect(issues.find((i) => i.check.endsWith("IoInspect"))).toEqual({
      check: "Credo.Check.Warning.IoInspect",
      category: "warning",
      filename: "lib/lintme.ex",
      line: 3,
      column: 5,
      columnEnd: 15,
      message: "There should be no calls to `IO.inspect/1`.",
      priority: 13,
      scope: "Lintme.debug",
      trigger: "IO.inspect",
    });
  });

  it("reads `--format sarif` to the same issues, with the category from the rule tags", () => {
    const sarif = parseCredoOutput(sample("credo", "credo_sarif.txt").text)!;
    expect(ids(sarif)).toEqual(LINTME);
    const json = parseCredoOutput(sample("credo", "credo_json.txt").text)!;
    expect(sarif.map((i) => `${i.check}:${i.priority}`).sort()).toEqual(json.map((i) => `${i.check}:${i.priority}`).sort());
    expect(sarif.find((i) => i.check.endsWith("IoInspect"))).toMatchObject({ category: "warning", line: 3, column: 5, priority: 13 });
  });

  it("reads `credo diff --format json`: only the new issues count", () => {
    const issues = parseCredoOutput(sample("credo", "credo_diff_json.txt").text)!;
    expect(ids(issues)).toEqual(["Credo.Check.Readability.ModuleDoc@1", "Credo.Check.Warning.IoInspect@2"]);
    expect(issues.every((i) => i.filename === "lib/extra.ex")).toBe(true);
  });

  it("survives noise before the JSON, null columns and the `[\"__no_trigger__\"]` trigger", () => {
    const noisy = [
      "==> bunt",
      "Compiling 2 files (.ex)",
      "{:failed_connect, [{:to_address, {'repo.hex.pm', 443}}]}",
      '{"issues":[{"category":"readability","check":"Credo.Check.Readability.TrailingBlankLine","column":null,"column_end":null,',
      '"filename":"lib/a.ex","line_no":9,"message":"There should be a final \\\\n at the end of each file.","priority":1,"scope":null,"trigger":["__no_trigger__"]}]}',
    ].join("\n");
    const [issue] = parseCredoOutput(noisy)!;
    expect(issue).toEqual({
      check: "Credo.Check.Readability.TrailingBlankLine",
      category: "readability",
      filename: "lib/a.ex",
      line: 9,
      message: "There should be a final \\n at the end of each file.",
      priority: 1,
    });
    expect(parseCredoOutput(sample("credo", "credo_json_syntax_error.txt").text)).toHaveLength(7);
  });

  it("lists the files credo excluded because they do not parse (stderr)", () => {
    expect(excludedFiles(sample("credo", "credo_json_syntax_error.txt").text)).toEqual(["lib/broken.ex"]);
    expect(excludedFiles(sample("credo", "credo_json_stderr.txt").text)).toEqual([]);
    expect(excludedFiles(sample("credo", "credo_diff_json_stderr.txt").text)).toEqual([]);
  });

  it("has no JSON in the other formats", () => {
    for (const name of ["credo_flycheck.txt", "credo_oneline.txt", "credo_default_strict.txt"] as const) {
      expect(parseCredoOutput(sample("credo", name).text)).toBeUndefined();
    }
  });

  it("decodes the exit status bitmask; 128 and above is a tool failure", () => {
    expect(decodeCredoExit(30)).toEqual({ categories: ["design", "readability", "refactor", "warning"] });
    expect(decodeCredoExit(16)).toEqual({ categories: ["warning"] });
    expect(decodeCredoExit(0)).toEqual({ categories: [] });
    expect(decodeCredoExit(129).toolError).toBe("credo exited with status 129: its configuration could not be parsed");
    expect(decodeCredoExit(128).toolError).toMatch(/status 128/);
  });

  it("maps priority bands one-to-one onto severities (the gate's credo threshold)", () => {
    expect([20, 19, 10, 9, 0, -1, -10, -11].map(priorityName)).toEqual(["higher", "high", "high", "normal", "normal", "low", "low", "ignore"]);
    const issues = parseCredoOutput(sample("credo", "credo_json.txt").text)!;
    const paths = new RepoPaths("/repo", new Set(["lib/lintme.ex"]));
    const inspect = credoFinding(issues.find((i) => i.check.endsWith("IoInspect"))!, paths);
    expect(inspect).toMatchObject({
      source: "credo",
      rule: "credo/Credo.Check.Warning.IoInspect",
      checklistItem: "credo",
      severity: CREDO_SEVERITY.high,
      path: "lib/lintme.ex",
      line: 3,
      column: 5,
      title: "Credo Warning.IoInspect: There should be no calls to `IO.inspect/1`.",
    });
    expect(credoFinding(issues.find((i) => i.check.endsWith("ModuleDoc"))!, paths).severity).toBe("minor");
  });
});
