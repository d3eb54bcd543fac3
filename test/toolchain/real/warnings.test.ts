import { expect, it } from "vitest";
import { describeElixir, runFixture, where } from "../helpers/real.js";

describeElixir("compile warnings, unformatted code and a dialyzer warning, for real", () => {
  it("reports each with its location, and format hunks as suggestions", { timeout: 900_000 }, async () => {
    const { step } = await runFixture("warnings");
    expect(step("compile").status).toBe("passed");
    expect(where(step("compile"))).toEqual([
      "major compile/warning lib/warn.ex:11",
      "minor compile/warning lib/warn.ex:15",
      "minor compile/warning lib/warn.ex:3",
      "minor compile/warning lib/warn.ex:6",
    ]);
    expect(step("format").status).toBe("failed");
    expect(step("format").findings.map((f) => [f.path, f.line, f.endLine, f.suggestion])).toEqual([
      ["lib/messy.ex", 4, undefined, "  def a(x), do: x + 1"],
      ["lib/messy.ex", 7, 8, "    [y, 2, 3]"],
    ]);
    expect(step("test").status).toBe("passed");
    expect(step("dialyzer").status).toBe("failed");
    expect(where(step("dialyzer"))).toEqual(["major dialyzer/call lib/dial.ex:8", "major dialyzer/no_return lib/dial.ex:7", "major dialyzer/pattern_match lib/dial.ex:14"]);
    expect(step("dialyzer").findings.find((f) => f.rule === "dialyzer/call")!.message).toContain("'Elixir.Dial':add('a',1)");
  });

  it("with --warnings-as-errors the build fails and the steps that need it are skipped", { timeout: 600_000 }, async () => {
    const { step } = await runFixture("warnings", { toolchain: { steps: { compile: { warningsAsErrors: true }, format: { enabled: false } } } });
    expect(step("compile").status).toBe("failed");
    expect(step("compile").command).toBe("mix compile --force --warnings-as-errors");
    expect(where(step("compile"))).toEqual([
      "major compile/warning lib/warn.ex:11",
      "major compile/warning lib/warn.ex:15",
      "major compile/warning lib/warn.ex:3",
      "major compile/warning lib/warn.ex:6",
    ]);
    expect(step("compile").reason).toBe("compilation failed: 4 warnings; warnings are errors (--warnings-as-errors)");
    expect(step("test")).toMatchObject({ status: "skipped", reason: "the project does not compile" });
    expect(step("dialyzer")).toMatchObject({ status: "skipped", reason: "the project does not compile" });
    expect(step("format")).toMatchObject({ status: "skipped", reason: "switched off in the configuration" });
  });
});
