import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logger.js";
import { CacheStore } from "../../../src/toolchain/cache/store.js";
import { PLT_KIND, preparePlt } from "../../../src/toolchain/dialyzer/plt.js";
import { prepareWorkDirs } from "../../../src/toolchain/workdir.js";
import { DirectSandbox } from "../../helpers/direct-sandbox.js";

const VERSIONS = { elixir: "1.14.0", otp: "25.2.3", otpRelease: "25", arch: "x86_64-pc-linux-gnu", os: "unix-linux", elixirLib: "/usr/lib/elixir/lib/elixir" };
let dir: string;
let sandbox: DirectSandbox;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ea-plt-"));
  sandbox = new DirectSandbox();
});
afterEach(async () => {
  await sandbox.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function prepare(cache: CacheStore, env: Record<string, string> = {}, versions: typeof VERSIONS | Omit<typeof VERSIONS, "elixirLib"> = VERSIONS) {
  const work = await prepareWorkDirs(join(dir, "repo"));
  const plt = await preparePlt({ sandbox, cache, key: "k", versions, work, env, timeoutMs: 60_000, signal: new AbortController().signal, log: silentLogger() });
  return { plt, work };
}

describe("preparePlt", () => {
  it("restores a cached PLT into the workspace without running anything", async () => {
    const cache = new CacheStore(join(dir, "cache"), 1024 ** 3);
    writeFileSync(join(dir, "core.plt"), "plt bytes");
    await cache.save(PLT_KIND, "k", join(dir, "core.plt"));
    const { plt, work } = await prepare(cache);
    expect(plt).toEqual({ path: join(work.plt, "core.plt"), cached: true });
    expect(readFileSync(join(work.plt, "core.plt"), "utf8")).toBe("plt bytes");
    expect(sandbox.runs).toEqual([]);
  });

  it("says why when dialyzer is missing, and caches nothing", async () => {
    const cache = new CacheStore(join(dir, "cache"), 1024 ** 3);
    const { plt } = await prepare(cache, { PATH: "/nonexistent" });
    expect(plt).toEqual({ error: "building the PLT: `dialyzer` is not available in the sandbox" });
    expect(await cache.list()).toEqual([]);
    expect(sandbox.runs[0]!.args.slice(0, 5)).toEqual(["--build_plt", "--apps", "erts", "kernel", "stdlib"]);
  });

  it("needs Elixir's library directory from the probe", async () => {
    const { elixirLib: _, ...noLib } = VERSIONS;
    const { plt } = await prepare(new CacheStore(join(dir, "cache"), 1024 ** 3), {}, noLib);
    expect(plt).toEqual({ error: "the Elixir installation in the sandbox was not found" });
  });

  it("builds for this run only when the cache cannot be locked", async () => {
    writeFileSync(join(dir, "not-a-dir"), "");
    const { plt } = await prepare(new CacheStore(join(dir, "not-a-dir", "cache"), 1024 ** 3), { PATH: "/nonexistent" });
    // It went on to build (and says why that failed) instead of giving up on the lock.
    expect(plt).toEqual({ error: "building the PLT: `dialyzer` is not available in the sandbox" });
  });
});
