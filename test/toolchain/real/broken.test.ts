import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeElixir, runFixture, where } from "../helpers/real.js";

describeElixir("a project that does not compile, for real", () => {
  it("reports the error as a blocker at file:line and skips the steps that need a build", { timeout: 900_000 }, async () => {
    const { step } = await runFixture("broken");
    expect(step("compile").status).toBe("failed");
    expect(where(step("compile"))).toEqual(["blocker compile/error lib/broken.ex:6", "minor compile/warning lib/broken.ex:5"]);
    expect(step("compile").findings.find((f) => f.rule === "compile/error")!.title).toMatch(/^Compile error: undefined function undefined_fun\/1/);
    expect(step("format").status).toBe("passed");
    expect(step("test")).toMatchObject({ status: "skipped", reason: "the project does not compile", findings: [] });
    expect(step("dialyzer")).toMatchObject({ status: "skipped", reason: "the project does not compile" });
  });

  it("a test file that does not compile: the test step fails with a blocker at its line", { timeout: 300_000 }, async () => {
    const { step } = await runFixture("clean", {
      toolchain: { steps: { dialyzer: { enabled: false }, format: { enabled: false } } },
      prepare: (fx) =>
        writeFileSync(join(fx.workspace.root, "test/broken_test.exs"), 'defmodule BrokenTest do\n  use ExUnit.Case\n\n  test "x" do\n    assert nope() == 1\n  end\nend\n'),
    });
    expect(step("compile").status).toBe("passed");
    expect(step("test")).toMatchObject({ status: "failed", reason: "the test suite does not compile" });
    expect(where(step("test"))).toEqual(["blocker test/compile-error test/broken_test.exs:5"]);
  });
});
