import { describe, expect, it } from "vitest";
import { dialyzerFinding } from "../../../src/toolchain/dialyzer/findings.js";
import { parseDialyxir, parseDialyzer } from "../../../src/toolchain/dialyzer/parse.js";
import { RepoPaths } from "../../../src/toolchain/paths.js";
import { sample } from "../helpers/samples.js";

const LINTME = ["34:missing_range", "37:call", "37:no_return", "39:invalid_contract", "43:unmatched_return"];
const DIAL = ["12:pattern_match", "18:unmatched_return", "22:guard_fail", "22:no_return", "5:call", "5:no_return", "7:invalid_contract"];
const keys = (ws: { line: number; name: string }[]) => ws.map((w) => `${w.line}:${w.name}`).sort();

describe("dialyxir output (warnings on stderr)", () => {
  it("--format short", () => {
    const warnings = parseDialyxir(sample("dialyzer", "dialyxir_format_short_stderr.txt").text);
    expect(keys(warnings)).toEqual(LINTME);
    expect(warnings[0]).toEqual({ file: "lib/lintme.ex", line: 34, name: "missing_range", message: "The type specification is missing types returned by Lintme.add/2." });
    // stdout only has the total.
    expect(parseDialyxir(sample("dialyzer", "dialyxir_format_short.txt").text)).toEqual([]);
  });

  it("--format github", () => {
    expect(keys(parseDialyxir(sample("dialyzer", "dialyxir_format_github_stderr.txt").text))).toEqual(LINTME);
  });

  it("1.18 beams add columns; short and github printed together count once", () => {
    const warnings = parseDialyxir(sample("dialyzer", "1.18.4_dialyxir_short_github_full.txt").text);
    expect(keys(warnings)).toEqual(LINTME);
    expect(warnings.find((w) => w.name === "call")).toMatchObject({ line: 37, column: 21 });
  });

  it("the default multi-line format, including the Legacy warning fallback", () => {
    const warnings = parseDialyxir(sample("dialyzer", "dialyxir_format_dialyxir_stderr.txt").text);
    expect(keys(warnings)).toEqual(LINTME);
    expect(warnings.find((w) => w.name === "no_return")!.message).toBe("Function bad_call/0 has no local return.");
    expect(warnings.find((w) => w.name === "invalid_contract")!.message).toMatch(/^Invalid type specification for function 'Elixir.Lintme':returns_atom\/0/);
  });

  it("--format dialyzer lines are plain dialyzer output", () => {
    expect(keys(parseDialyzer(sample("dialyzer", "dialyxir_format_dialyzer_stderr.txt").text))).toEqual(LINTME);
  });

  it("stdout (only the total) and the ignore-file and raw formats yield no warnings", () => {
    for (const name of [
      "dialyxir_format_dialyxir.txt",
      "dialyxir_format_dialyzer.txt",
      "dialyxir_format_github.txt",
      "dialyxir_format_ignore_file.txt",
      "dialyxir_format_ignore_file_stderr.txt",
      "dialyxir_format_ignore_file_strict.txt",
      "dialyxir_format_ignore_file_strict_stderr.txt",
      "dialyxir_format_raw.txt",
      "dialyxir_format_raw_stderr.txt",
    ] as const) {
      const text = sample("dialyzer", name).text;
      expect([parseDialyxir(text), parseDialyzer(text)], name).toEqual([[], []]);
    }
  });

  it("the first run's PLT building noise yields just the warnings", () => {
    expect(keys(parseDialyxir(sample("dialyzer", "dialyxir_first_run.txt").text))).toEqual(LINTME);
  });
});

describe("Erlang's dialyzer CLI", () => {
  it("--fullpath --no_indentation: one warning per line, names inferred from the text", () => {
    const warnings = parseDialyzer(sample("dialyzer", "otp25_dialyzer_fullpath_noindent.txt").text);
    expect(keys(warnings)).toEqual(DIAL);
    expect(warnings.every((w) => w.file === "lib/dial.ex" && w.column === undefined)).toBe(true);
  });

  it("Elixir 1.18 beams mix line-only and line:column locations", () => {
    const warnings = parseDialyzer(sample("dialyzer", "otp25_dialyzer_elixir118_beams.txt").text);
    expect(keys(warnings)).toEqual(DIAL);
    expect(warnings.find((w) => w.name === "call")).toMatchObject({ line: 5, column: 21 });
    expect(warnings.find((w) => w.name === "invalid_contract")!.column).toBeUndefined();
  });

  it("the default (indented, basename) format is joined back into one message per warning", () => {
    const warnings = parseDialyzer(sample("dialyzer", "otp25_dialyzer_default.txt").text);
    expect(keys(warnings)).toEqual(DIAL);
    expect(warnings.find((w) => w.name === "call")!.message).toBe(
      "The call 'Elixir.Dial':add ('a', 1) will never return since the success typing is (number(), number()) -> number() and the contract is (integer(), integer()) -> integer()",
    );
    expect(warnings[0]!.file).toBe("dial.ex");
  });

  it("a `--raw` crash has no warnings", () => {
    expect(parseDialyzer(sample("dialyzer", "otp25_dialyzer_raw.txt").text)).toEqual([]);
    expect(parseDialyzer(sample("dialyzer", "otp25_dialyzer_raw_line.txt").text)).toEqual([]);
  });

  it("skips the Unknown functions section", () => {
    const out = ["lib/a.ex:3: Function f/0 has no local return", "Unknown functions:", "  'Elixir.Jason':'encode!'/1 (lib/a.ex:4)", "", "lib/a.ex:9: The pattern 'x' can never match the type integer()"].join("\n");
    expect(keys(parseDialyzer(out))).toEqual(["3:no_return", "9:pattern_match"]);
  });
});

describe("dialyzer findings", () => {
  it("map basenames and app-relative paths to the repository, spec problems to typespecs", () => {
    const paths = new RepoPaths("/repo", new Set(["apps/app_b/lib/dial.ex"]), [{ app: "app_b", path: "apps/app_b" }]);
    const [first] = parseDialyzer(sample("dialyzer", "otp25_dialyzer_default.txt").text);
    expect(dialyzerFinding(first!, paths, "dialyzer")).toMatchObject({ source: "dialyzer", rule: "dialyzer/no_return", path: "apps/app_b/lib/dial.ex", line: 5, checklistItem: "typespecs", severity: "major" });
    const unmatched = parseDialyzer(sample("dialyzer", "otp25_dialyzer_fullpath_noindent.txt").text).find((w) => w.name === "unmatched_return")!;
    expect(dialyzerFinding(unmatched, paths, "dialyzer")).toMatchObject({ path: "apps/app_b/lib/dial.ex", line: 18, checklistItem: "error-handling" });
  });
});
