import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeBwrap, runFixture, where } from "../helpers/real.js";

const cacheDir = mkdtempSync(join(tmpdir(), "ea-cache-bwrap-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describeBwrap("the whole toolchain through the real bubblewrap sandbox", () => {
  it("an umbrella: every step runs isolated, helpers bound read-only, paths mapped to the root", { timeout: 900_000 }, async () => {
    const { report, step } = await runFixture("umbrella", { backend: "bubblewrap" });
    expect(report.sandbox).toBe("bubblewrap");
    expect(report.ran).toBe(true);
    expect(report.steps.map((s) => `${s.id}:${s.status}`)).toEqual(["deps:passed", "compile:passed", "format:failed", "test:failed", "credo:skipped", "dialyzer:failed"]);
    expect(where(step("compile"))).toEqual(["minor compile/warning apps/app_a/lib/app_a.ex:6"]);
    expect(step("format").findings.map((f) => [f.path, f.line, f.suggestion])).toEqual([["apps/app_b/lib/app_b.ex", 10, "  def untidy(x), do: x"]]);
    expect(where(step("test")).filter((w) => w.includes("test/failure"))).toEqual([
      "blocker test/failure apps/app_a/test/app_a_test.exs:9",
      "blocker test/failure apps/app_b/test/app_b_test.exs:9",
    ]);
    expect(step("test").coverage!.total).toBe(80);
    expect(where(step("dialyzer"))).toEqual(["major dialyzer/call apps/app_b/lib/app_b.ex:8", "major dialyzer/no_return apps/app_b/lib/app_b.ex:8"]);
  });

  it("a PR run works on caches a default-branch run saved (handed to the sandbox's uid)", { timeout: 600_000 }, async () => {
    const toolchain = { steps: { dialyzer: { enabled: false }, format: { enabled: false } } } as const;
    const main = await runFixture("suite", { backend: "bubblewrap", cacheDir, writeCache: true, toolchain });
    expect(main.report.cache!.saved).toEqual(["build"]);
    const pr = await runFixture("suite", { backend: "bubblewrap", cacheDir, toolchain });
    expect(pr.report.cache).toEqual({ restored: ["build"], saved: [] });
    expect(pr.step("compile")).toMatchObject({ status: "passed", reason: "compiled cleanly" });
    expect(pr.step("test").tests).toMatchObject({ total: 11, failed: 5, invalid: 2, completed: true });
  });
});
