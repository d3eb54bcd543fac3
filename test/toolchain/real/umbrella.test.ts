import { expect, it } from "vitest";
import { describeElixir, runFixture, where } from "../helpers/real.js";

describeElixir("an umbrella project, for real", () => {
  it("maps every tool's paths to the repository root through the apps path", { timeout: 900_000 }, async () => {
    const { step } = await runFixture("umbrella");
    expect(where(step("compile"))).toEqual(["minor compile/warning apps/app_a/lib/app_a.ex:6"]);
    expect(step("format").findings.map((f) => [f.path, f.line, f.suggestion])).toEqual([["apps/app_b/lib/app_b.ex", 10, "  def untidy(x), do: x"]]);
    const test = step("test");
    expect(test.tests).toMatchObject({ total: 4, passed: 2, failed: 2, completed: true });
    expect(where(test).filter((w) => w.includes("test/failure"))).toEqual([
      "blocker test/failure apps/app_a/test/app_a_test.exs:9",
      "blocker test/failure apps/app_b/test/app_b_test.exs:9",
    ]);
    expect(test.coverage!.modules.map((m) => m.path).sort()).toEqual(["apps/app_a/lib/app_a.ex", "apps/app_b/lib/app_b.ex"]);
    expect(where(step("dialyzer"))).toEqual(["major dialyzer/call apps/app_b/lib/app_b.ex:8", "major dialyzer/no_return apps/app_b/lib/app_b.ex:8"]);
  });
});
