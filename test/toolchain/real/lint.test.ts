import { expect, it } from "vitest";
import { describeElixir, runFixture, where } from "../helpers/real.js";

// credo and dialyxir cannot be fetched from Hex here: the `lint` fixture depends on stand-in path
// packages whose `mix credo` / `mix dialyzer` tasks replay what credo 1.7.19 and dialyxir 1.4.7
// printed, with their exit statuses. This drives the real steps: commands, MIX_ENV fallback,
// stdout/stderr handling, exit bitmasks and path mapping.
describeElixir("credo and dialyxir steps, for real (with stand-in tools)", () => {
  it("credo: JSON after dependency noise, priorities as severities, the exit bitmask, files credo skipped", { timeout: 300_000 }, async () => {
    const { step } = await runFixture("lint", { toolchain: { steps: { format: { enabled: false }, dialyzer: { enabled: false } } } });
    const credo = step("credo");
    expect(credo.status).toBe("failed");
    expect(credo.command).toBe("mix credo --strict --format json");
    expect(credo.counts).toEqual({ issues: 7, high: 3, normal: 4 });
    expect(credo.reason).toBe("7 issues (design, readability, refactor, warning); credo could not parse and skipped: lib/broken.ex");
    expect(where(credo)).toEqual([
      "major credo/Credo.Check.Refactor.UnlessWithElse lib/lintme.ex:23",
      "major credo/Credo.Check.Warning.ExpensiveEmptyEnumCheck lib/lintme.ex:31",
      "major credo/Credo.Check.Warning.IoInspect lib/lintme.ex:3",
      "minor credo/Credo.Check.Design.TagTODO lib/lintme.ex:4",
      "minor credo/Credo.Check.Readability.ModuleDoc lib/lintme.ex:1",
      "minor credo/Credo.Check.Refactor.FilterFilter lib/lintme.ex:20",
      "minor credo/Credo.Check.Refactor.Nesting lib/lintme.ex:12",
    ]);
  });

  it("dialyxir: a dev-only task is found with MIX_ENV=dev, warnings are read from stderr", { timeout: 300_000 }, async () => {
    const { step } = await runFixture("lint", { toolchain: { steps: { format: { enabled: false }, credo: { enabled: false } } } });
    const dialyzer = step("dialyzer");
    expect(dialyzer.status).toBe("failed");
    expect(dialyzer.command).toBe("mix dialyzer --format short");
    expect(where(dialyzer)).toEqual([
      "major dialyzer/call lib/lintme.ex:37",
      "major dialyzer/invalid_contract lib/lintme.ex:39",
      "major dialyzer/missing_range lib/lintme.ex:34",
      "major dialyzer/no_return lib/lintme.ex:37",
      "major dialyzer/unmatched_return lib/lintme.ex:43",
    ]);
    expect(dialyzer.findings.find((f) => f.rule === "dialyzer/unmatched_return")!.checklistItem).toBe("error-handling");
  });
});
