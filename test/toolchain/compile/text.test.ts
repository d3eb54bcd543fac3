import { describe, expect, it } from "vitest";
import { parseCompileText } from "../../../src/toolchain/compile/text.js";
import { sample } from "../helpers/samples.js";

const VERSIONS = ["1.14.0", "1.15.8", "1.16.3", "1.17.3", "1.18.4"] as const;
const at = (d: { file?: string; line?: number }) => `${d.file}:${d.line}`;

/** The nine warnings of the `warn` sample project, in the order 1.14 prints them. */
const WARNINGS = ["lib/other.ex:2", "lib/warn.ex:6", "lib/warn.ex:26", "lib/warn.ex:24", "lib/warn.ex:2", "lib/warn.ex:3", "lib/warn.ex:11", "lib/warn.ex:19", "lib/warn.ex:15"];

describe("parseCompileText on every recorded Elixir version", () => {
  for (const v of VERSIONS) {
    it(`${v}: finds all nine warnings with file and line (columns from 1.16)`, () => {
      const { diagnostics, warningsAsErrorsFailed } = parseCompileText(sample("compile", `${v}_compile_warnings.txt`).text);
      expect(diagnostics.every((d) => d.severity === "warning")).toBe(true);
      expect(diagnostics.map(at).sort()).toEqual([...WARNINGS].sort());
      expect(warningsAsErrorsFailed).toBe(false);
      const unused = diagnostics.find((d) => d.line === 6)!;
      expect(unused.message).toMatch(/^variable "y" is unused/);
      expect(unused.column).toBe(v >= "1.16" ? 5 : undefined);
      expect(unused.text).toContain("lib/warn.ex:6");
    });

    it(`${v}: --warnings-as-errors lists the warnings and says the build failed`, () => {
      const { diagnostics, warningsAsErrorsFailed } = parseCompileText(sample("compile", `${v}_compile_wae.txt`).text);
      expect(warningsAsErrorsFailed).toBe(true);
      expect(diagnostics.map(at).sort()).toEqual([...WARNINGS].sort());
    });

    it(`${v}: a syntax error is an error at lib/errs.ex:3:8`, () => {
      const [error, ...rest] = parseCompileText(sample("compile", `${v}_compile_error_syntax.txt`).text).diagnostics;
      expect(rest).toEqual([]);
      expect(error).toMatchObject({ severity: "error", file: "lib/errs.ex", line: 3, column: 8, exception: "SyntaxError", message: "syntax error before: '*'" });
    });

    it(`${v}: a struct KeyError is located by the first project stack frame`, () => {
      const [error] = parseCompileText(sample("compile", `${v}_compile_error_struct.txt`).text).diagnostics;
      expect(error).toMatchObject({ severity: "error", file: "lib/errs.ex", line: 3, exception: "KeyError", message: "key :nope not found" });
    });

    it(`${v}: mismatched delimiters point at lib/errs.ex:3:13`, () => {
      const [error] = parseCompileText(sample("compile", `${v}_compile_error_mismatched.txt`).text).diagnostics;
      expect(error).toMatchObject({ severity: "error", file: "lib/errs.ex", line: 3, column: 13 });
      expect(error!.message).toMatch(/^unexpected token: \)/);
      expect(error!.exception).toBe(v >= "1.16" ? "MismatchedDelimiterError" : "SyntaxError");
    });

    it(`${v}: a missing end is reported where the version puts it`, () => {
      const [error] = parseCompileText(sample("compile", `${v}_compile_error_missing_end.txt`).text).diagnostics;
      expect(error).toMatchObject({ severity: "error", file: "lib/errs.ex", exception: "TokenMissingError" });
      // 1.14/1.15 point at EOF + 1; 1.16+ at the last `end`.
      expect([error!.line, error!.column]).toEqual(v >= "1.16" ? [7, 4] : [8, 1]);
      expect(error!.message).toMatch(/^missing terminator: end/);
    });

    it(`${v}: undefined functions are errors, the aggregate "errors have been logged" is dropped`, () => {
      const diags = parseCompileText(sample("compile", `${v}_compile_error_undefined.txt`).text).diagnostics;
      expect(diags.some((d) => /errors have been logged/.test(d.message))).toBe(false);
      const errors = diags.filter((d) => d.severity === "error").map(at).sort();
      // 1.14 makes only the first undefined function an error; the second is a warning.
      expect(errors).toEqual(v === "1.14.0" ? ["lib/errs.ex:4"] : ["lib/errs.ex:4", "lib/errs.ex:8"]);
      expect(diags.find((d) => d.line === 4)!.message).toMatch(/^undefined function undefined_fun\/1/);
    });

    it(`${v}: a test file that does not compile is an error in test/broken_test.exs:5`, () => {
      const errors = parseCompileText(sample("compile", `${v}_mix_test_compile_error.txt`).text).diagnostics.filter((d) => d.severity === "error");
      expect(errors.map(at)).toEqual(["test/broken_test.exs:5"]);
    });
  }

  it("1.14 no-op --warnings-as-errors: no warnings to show, but the failure is known", () => {
    const result = parseCompileText(sample("compile", "1.14.0_compile_wae_noop.txt").text);
    expect(result).toEqual({ diagnostics: [], warningsAsErrorsFailed: true });
  });

  it("1.15+ no-op --warnings-as-errors replays the stored warnings", () => {
    for (const v of ["1.15.8", "1.16.3", "1.17.3", "1.18.4"] as const) {
      const result = parseCompileText(sample("compile", `${v}_compile_wae_noop.txt`).text);
      expect(result.warningsAsErrorsFailed).toBe(true);
      expect(result.diagnostics.length).toBeGreaterThanOrEqual(8);
    }
  });

  it("umbrella output: `==> app` headers tag app-relative paths", () => {
    const diags = parseCompileText(sample("compile", "1.14.0_umbrella_compile.txt").text).diagnostics;
    expect(diags.map((d) => [d.app, at(d)])).toEqual([
      ["app_a", "lib/app_a.ex:3"],
      ["app_b", "lib/app_b.ex:2"],
    ]);
  });

  it("1.18 type warnings span many lines and keep their location", () => {
    const diags = parseCompileText(sample("test", "1.18.4_umbrella_test.txt").text).diagnostics;
    const typing = diags.find((d) => d.message.startsWith("comparison between distinct types found"))!;
    expect(typing).toMatchObject({ app: "app_a", file: "test/app_a_test.exs", line: 5, column: 25 });
    expect(typing.message).toContain("dynamic(:world) == :mars");
    expect(typing.message).not.toContain("│");
  });

  it("1.14 variants: string terminator, struct error after warnings, --no-deps-check, replayed warnings", () => {
    expect(parseCompileText(sample("compile", "1.14_compile_error_string.txt").text).diagnostics[0]).toMatchObject({ file: "lib/errs.ex", line: 6, column: 1 });
    const keyError = parseCompileText(sample("compile", "1.14_compile_struct_keyerror.txt").text).diagnostics.find((d) => d.severity === "error");
    expect(keyError).toMatchObject({ file: "lib/other.ex", line: 8, exception: "KeyError" });
    expect(parseCompileText(sample("compile", "1.14_compile_no_deps_check.txt").text).diagnostics.map(at)).toEqual(["lib/withdeps.ex:2"]);
    expect(parseCompileText(sample("compile", "1.14_compile_all_warnings_replay.txt").text).diagnostics).toHaveLength(9);
    expect(parseCompileText(sample("compile", "1.14_mix_test_syntax_error.txt").text).diagnostics[0]).toMatchObject({ file: "test/broken_test.exs", line: 6, column: 3 });
    // What the diagnostics helper printed next to its JSON: the same two diagnostics.
    expect(parseCompileText(sample("compile", "1.14_diag_error_stdout.txt").text).diagnostics.map((d) => `${d.severity} ${at(d)}`)).toEqual(["warning lib/errs.ex:3", "error lib/errs.ex:4"]);
  });
});
