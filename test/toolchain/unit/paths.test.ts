import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RepoPaths } from "../../../src/toolchain/paths.js";

const FILES = new Set(["lib/a.ex", "apps/app_a/lib/app_a.ex", "apps/app_b/lib/app_b.ex", "apps/app_b/lib/shared.ex", "apps/app_a/test/app_a_test.exs", "mix.exs"]);
const APPS = [
  { app: "app_a", path: "apps/app_a" },
  { app: "app_b", path: "apps/app_b" },
];

describe("RepoPaths.resolve", () => {
  const paths = new RepoPaths("/job/repo", FILES, APPS);

  it("maps absolute paths under the root and under another mount point", () => {
    expect(paths.resolve("/job/repo/apps/app_a/lib/app_a.ex")).toBe("apps/app_a/lib/app_a.ex");
    expect(paths.resolve("/workspace/apps/app_a/lib/app_a.ex")).toBe("apps/app_a/lib/app_a.ex");
    expect(paths.resolve("\x1b[1m\x1b[31m/job/repo/lib/a.ex\x1b[0m")).toBe("lib/a.ex");
  });

  it("maps app-relative paths through the umbrella child (by name or dir), and bare basenames when unique", () => {
    expect(paths.resolve("lib/app_a.ex", "app_a")).toBe("apps/app_a/lib/app_a.ex");
    expect(paths.resolve("test/app_a_test.exs", "apps/app_a")).toBe("apps/app_a/test/app_a_test.exs");
    expect(paths.resolve("lib/app_b.ex")).toBe("apps/app_b/lib/app_b.ex");
    expect(paths.resolve("./lib/a.ex")).toBe("lib/a.ex");
    expect(paths.resolve("shared.ex")).toBe("apps/app_b/lib/shared.ex");
    expect(paths.appForDir("/srv/elsewhere/apps/app_b")).toBe("apps/app_b");
  });

  it("answers undefined outside the repository or for files that do not exist", () => {
    for (const p of ["deps/jason/lib/jason.ex", "/job/repo/_build/test/lib/a/ebin/x.beam", "/usr/lib/elixir/lib/elixir/lib/enum.ex", "../etc/passwd", "lib/missing.ex", "", "/elsewhere/deps/x/lib/a.ex"]) {
      expect(paths.resolve(p)).toBeUndefined();
    }
  });
});

describe("RepoPaths.scan", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lists the checkout's files, skipping deps/_build/.git and not following symlinks", async () => {
    dir = mkdtempSync(join(tmpdir(), "ea-scan-"));
    for (const d of ["lib/deps", "deps/jason/lib", "_build/test", ".git", "apps/x/deps/y"]) mkdirSync(join(dir, d), { recursive: true });
    for (const f of ["lib/a.ex", "lib/deps/b.ex", "deps/jason/lib/jason.ex", "_build/test/x.beam", ".git/config", "apps/x/deps/y/z.ex", "mix.exs"]) writeFileSync(join(dir, f), "");
    symlinkSync("/etc", join(dir, "lib/etc"));
    const paths = await RepoPaths.scan(dir);
    expect(["lib/a.ex", "lib/deps/b.ex", "mix.exs"].every((p) => paths.has(p))).toBe(true);
    expect(["deps/jason/lib/jason.ex", "_build/test/x.beam", ".git/config", "apps/x/deps/y/z.ex", "lib/etc/passwd"].some((p) => paths.has(p))).toBe(false);
  });
});
