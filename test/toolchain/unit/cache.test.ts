import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cacheKeys, scopeKind } from "../../../src/toolchain/cache/keys.js";
import { restoreProjectCache, saveProjectCache } from "../../../src/toolchain/cache/project.js";
import { CacheStore } from "../../../src/toolchain/cache/store.js";
import { prepareWorkDirs } from "../../../src/toolchain/workdir.js";
import { silentLogger } from "../../../src/logger.js";

const VERSIONS = { elixir: "1.14.0", otp: "25.2.3", otpRelease: "25", arch: "x86_64-pc-linux-gnu", os: "unix-linux" };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ea-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tree(root: string, files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("cache keys", () => {
  it("depend on OS, architecture, OTP, Elixir, the mix.lock hash and MIX_ENV", () => {
    const a = cacheKeys(VERSIONS, '%{"jason": {:hex, :jason, "1.4.1"}}', "test");
    expect(a.deps).toMatch(/^unix-linux-x86_64-pc-linux-gnu-otp25\.2\.3-elixir1\.14\.0-lock[0-9a-f]{16}$/);
    expect(a.build).toBe(`${a.deps}-test`);
    expect(cacheKeys(VERSIONS, '%{"jason": {:hex, :jason, "1.4.2"}}', "test").deps).not.toBe(a.deps);
    expect(cacheKeys({ ...VERSIONS, otp: "26.0" }, undefined, "test").plt).not.toBe(a.plt);
    expect(cacheKeys(VERSIONS, undefined, "dev").build).toMatch(/nolock-dev$/);
    expect(scopeKind("acme/a", "deps")).not.toBe(scopeKind("acme/b", "deps"));
  });
});

describe("CacheStore", () => {
  it("saves a copy (symlinks kept, timestamps kept) and restores it; a miss restores nothing", async () => {
    const store = new CacheStore(join(dir, "cache"), 10 * 1024 ** 2);
    const src = tree(join(dir, "src"), { "lib/a/ebin/a.beam": "beam", "x.txt": "x" });
    symlinkSync("../../x.txt", join(src, "lib/a/priv"));
    utimesSync(join(src, "x.txt"), 1_000_000, 1_000_000);
    await store.save("build", "k1", src);
    rmSync(src, { recursive: true });
    expect(await store.restore("build", "k2", join(dir, "nope"))).toBe(false);
    expect(existsSync(join(dir, "nope"))).toBe(false);
    expect(await store.restore("build", "k1", join(dir, "out"))).toBe(true);
    expect(readFileSync(join(dir, "out/lib/a/ebin/a.beam"), "utf8")).toBe("beam");
    expect(lstatSync(join(dir, "out/lib/a/priv")).isSymbolicLink()).toBe(true);
    expect(statSync(join(dir, "out/x.txt")).mtimeMs).toBe(1_000_000_000);
  });

  it("evicts the least recently used entries beyond the size cap", async () => {
    const store = new CacheStore(join(dir, "cache"), 2500);
    const blob = (name: string) => tree(join(dir, name), { f: "x".repeat(1000) });
    await store.save("k", "old", blob("a"));
    await store.save("k", "used", blob("b"));
    await new Promise((r) => setTimeout(r, 5));
    expect(await store.restore("k", "old", join(dir, "touch"))).toBe(true);
    await store.save("k", "new", blob("c"));
    expect((await store.list()).map((e) => e.key).sort()).toEqual(["new", "old"]);
  });

  it("withLock runs one holder at a time and breaks a stale lock", async () => {
    const store = new CacheStore(join(dir, "cache"), 10 * 1024 ** 2);
    const events: string[] = [];
    const hold = (name: string) =>
      store.withLock("plt", "k", async () => {
        events.push(`${name}+`);
        await new Promise((r) => setTimeout(r, 50));
        events.push(`${name}-`);
      });
    await Promise.all([hold("a"), hold("b")]);
    expect([events.join(" ")]).toContainEqual(expect.stringMatching(/^(a\+ a- b\+ b-|b\+ b- a\+ a-)$/));
    mkdirSync(join(dir, "cache/.locks/plt-stale"), { recursive: true });
    utimesSync(join(dir, "cache/.locks/plt-stale"), 1, 1);
    expect(await store.withLock("plt", "stale", async () => "ran")).toBe("ran");
  });

  it("replacing an entry leaves exactly the new content", async () => {
    const store = new CacheStore(join(dir, "cache"), 10 * 1024 ** 2);
    await store.save("k", "x", tree(join(dir, "v1"), { a: "1", gone: "1" }));
    await store.save("k", "x", tree(join(dir, "v2"), { a: "2" }));
    await store.restore("k", "x", join(dir, "out"));
    expect(readFileSync(join(dir, "out/a"), "utf8")).toBe("2");
    expect(existsSync(join(dir, "out/gone"))).toBe(false);
  });
});

describe("project caches in the workspace", () => {
  const keys = cacheKeys(VERSIONS, undefined, "test");

  it("restores deps/_build/MIX_HOME; a PR-planted symlink is removed, a committed deps/ is left alone", async () => {
    const store = new CacheStore(join(dir, "cache"), 10 * 1024 ** 2);
    await store.save(scopeKind("acme/app", "build"), keys.build, tree(join(dir, "b"), { "test/lib/app/ebin/x.beam": "cached" }));
    await store.save(scopeKind("acme/app", "deps"), keys.deps, tree(join(dir, "d"), { "jason/mix.exs": "cached" }));
    await store.save(scopeKind("acme/app", "mix-home"), keys.mixHome, tree(join(dir, "m"), { "archives/hex/x": "hex" }));
    const root = tree(join(dir, "repo"), { "mix.exs": "", "deps/vendored/mix.exs": "committed" });
    symlinkSync("/etc", join(root, "_build"));
    const work = await prepareWorkDirs(root);
    const restored = await restoreProjectCache(store, "acme/app", keys, root, work, silentLogger());
    expect(restored.sort()).toEqual(["build", "mix-home"]);
    expect(readFileSync(join(root, "_build/test/lib/app/ebin/x.beam"), "utf8")).toBe("cached");
    expect(readFileSync(join(root, "deps/vendored/mix.exs"), "utf8")).toBe("committed");
    expect(readFileSync(join(work.mixHome, "archives/hex/x"), "utf8")).toBe("hex");
    // Another repository sees none of it.
    const other = tree(join(dir, "other"), { "mix.exs": "" });
    expect(await restoreProjectCache(store, "acme/other", keys, other, await prepareWorkDirs(other), silentLogger())).toEqual([]);
  });

  it("saves only the slots it is asked to, from the workspace", async () => {
    const store = new CacheStore(join(dir, "cache"), 10 * 1024 ** 2);
    const root = tree(join(dir, "repo"), { "_build/test/x": "built", "deps/a/mix.exs": "dep" });
    const work = await prepareWorkDirs(root);
    const saved = await saveProjectCache(store, "acme/app", keys, root, work, new Set(["build"]), silentLogger());
    expect(saved).toEqual(["build"]);
    expect((await store.list()).map((e) => e.kind)).toEqual([scopeKind("acme/app", "build")]);
  });
});
