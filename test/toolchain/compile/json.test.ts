import { describe, expect, it } from "vitest";
import { compileFindings } from "../../../src/toolchain/compile/findings.js";
import { cleanMessage, parseCompileJson } from "../../../src/toolchain/compile/json.js";
import { RepoPaths } from "../../../src/toolchain/paths.js";
import { sample } from "../helpers/samples.js";

const VERSIONS = ["1.14.0", "1.15.8", "1.16.3", "1.17.3", "1.18.4"] as const;
const paths = () => new RepoPaths("/srv/samples/errs", new Set(["lib/errs.ex", "lib/warn.ex", "lib/other.ex"]));

describe("parseCompileJson (the elixir_agent.compile helper's output)", () => {
  for (const v of VERSIONS) {
    it(`${v}: errors keep file, line and (1.16+) column and span; aggregates are dropped`, () => {
      const report = parseCompileJson(sample("compile", `${v}_diag_error.json`).text)!;
      expect(report.status).toBe("error");
      const errors = report.diagnostics.filter((d) => d.severity === "error");
      expect(errors.every((d) => d.line !== undefined)).toBe(true);
      const fun = errors.find((d) => d.line === 4)!;
      expect(fun.message).toMatch(/^undefined function undefined_fun\/1 \(expected Errs/);
      if (v >= "1.16") expect(fun).toMatchObject({ column: 5, endLine: 4, endColumn: 18 });
      else expect(fun.column).toBeUndefined();
    });

    it(`${v}: a syntax error becomes one located error with the message from the box`, () => {
      const [error] = parseCompileJson(sample("compile", `${v}_diag_syntax.json`).text)!.diagnostics;
      expect(error).toMatchObject({ severity: "error", file: "lib/errs.ex", line: 3, column: 8, exception: "SyntaxError", message: "syntax error before: '*'" });
      expect(error!.text).toContain("x +* 1");
    });

    it(`${v}: nine warnings become findings on the repository files`, () => {
      const report = parseCompileJson(sample("compile", `${v}_diag_warnings.json`).text)!;
      const findings = compileFindings(report.diagnostics, paths(), { warningsAsErrors: false, umbrella: false });
      expect(findings).toHaveLength(9);
      expect(findings.every((f) => f.source === "compile" && f.rule === "compile/warning" && f.checklistItem === "compiles-clean")).toBe(true);
      const undefinedCall = findings.find((f) => f.line === 11)!;
      expect(undefinedCall).toMatchObject({ path: "lib/warn.ex", severity: "major" });
      expect(findings.find((f) => f.line === 3)!.severity).toBe("minor");
    });
  }

  it("1.14 strips the `** (CompileError) file:line:` prefix", () => {
    expect(cleanMessage("** (CompileError) lib/errs.ex:4: undefined function undefined_fun/1 (x)\n\n")).toEqual({
      message: "undefined function undefined_fun/1 (x)",
      exception: "CompileError",
    });
  });

  it("umbrella diagnostics come back root-relative", () => {
    const report = parseCompileJson(sample("compile", "1.14.0_umbrella_diag.json").text)!;
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual(["apps/app_b/lib/app_b.ex:2", "apps/app_a/lib/app_a.ex:3"]);
  });

  it("errors become blockers; warnings are major under --warnings-as-errors", () => {
    const report = parseCompileJson(sample("compile", "1.16.3_diag_error.json").text)!;
    const findings = compileFindings(report.diagnostics, paths(), { warningsAsErrors: true, umbrella: false });
    expect(findings.map((f) => [f.rule, f.severity, f.line, f.column])).toEqual([
      ["compile/warning", "major", 3, 5],
      ["compile/error", "blocker", 4, 5],
      ["compile/error", "blocker", 8, 5],
    ]);
    expect(findings[1]!.endLine).toBeUndefined();
  });

  it("a missing @impl is evidence for the OTP behaviours item", () => {
    const [finding] = compileFindings(
      [{ severity: "warning", file: "lib/errs.ex", line: 7, message: "module attribute @impl was not set for function handle_cast/2 callback (specified in GenServer)", text: "" }],
      paths(),
      { warningsAsErrors: false, umbrella: false },
    );
    expect(finding).toMatchObject({ checklistItem: "otp-behaviours", severity: "minor", path: "lib/errs.ex", line: 7 });
  });

  it("warnings about files outside the repository (deps) are dropped, errors are kept without a path", () => {
    const findings = compileFindings(
      [
        { severity: "warning", file: "deps/jason/lib/jason.ex", line: 3, message: "unused", text: "" },
        { severity: "error", file: "deps/jason/lib/jason.ex", line: 9, message: "boom", text: "boom" },
      ],
      paths(),
      { warningsAsErrors: false, umbrella: false },
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "compile/error", severity: "blocker" });
    expect(findings[0]!.path).toBeUndefined();
    expect(findings[0]!.message).toContain("deps/jason/lib/jason.ex:9");
  });

  it("rejects what is not the helper's JSON", () => {
    expect(parseCompileJson(undefined)).toBeUndefined();
    expect(parseCompileJson("{\"diagnostics\": 3}")).toBeUndefined();
    expect(parseCompileJson("{\"diag")).toBeUndefined();
    expect(parseCompileJson("[]")).toBeUndefined();
  });
});
