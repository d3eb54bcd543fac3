import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { scopeKind } from "../../../src/toolchain/cache/keys.js";
import { CacheStore } from "../../../src/toolchain/cache/store.js";
import { describeElixir, runFixture } from "../helpers/real.js";

const cacheDir = mkdtempSync(join(tmpdir(), "ea-cache-real-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
const steps = { format: { enabled: false }, dialyzer: { enabled: false } } as const;

describeElixir("caches across runs, for real", () => {
  it("only default-branch runs write; PR runs start from a copy they cannot poison", { timeout: 600_000 }, async () => {
    const store = new CacheStore(cacheDir, 1024 ** 3);
    const pr = await runFixture("clean", { cacheDir, toolchain: { steps } });
    expect(pr.report.cache).toEqual({ restored: [], saved: [] });
    expect(await store.list()).toEqual([]);

    const main = await runFixture("clean", { cacheDir, toolchain: { steps }, writeCache: true });
    // No Hex dependencies: MIX_HOME and HEX_HOME stay empty and are not stored.
    expect(main.report.cache!.saved).toEqual(["build"]);
    const saved = async () => (await store.list()).map(({ kind, key, bytes, savedAt }) => ({ kind, key, bytes, savedAt }));
    const before = await saved();

    // A PR whose tests write into _build: it runs on a restored copy and saves nothing.
    const poisoner = await runFixture("clean", {
      cacheDir,
      toolchain: { steps },
      prepare: (fx) =>
        writeFileSync(
          join(fx.workspace.root, "test/poison_test.exs"),
          'defmodule PoisonTest do\n  use ExUnit.Case\n  test "poisons" do\n    File.write!("_build/poison", "x")\n  end\nend\n',
        ),
    });
    expect(poisoner.report.cache!.restored).toEqual(["build"]);
    expect(poisoner.step("compile").status).toBe("passed");
    expect(poisoner.step("test").tests).toMatchObject({ total: 4, failed: 0 });
    // Restoring only touches the LRU clock; nothing was saved.
    expect(await saved()).toEqual(before);

    const restoredBuild = join(cacheDir, "check");
    const entry = before.find((e) => e.kind === scopeKind("test/clean", "build"))!;
    expect(await store.restore(entry.kind, entry.key, restoredBuild)).toBe(true);
    expect(readdirSync(restoredBuild)).toEqual(["test"]);
  });
});
