import { linkSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SANDBOX_UID_BASE, SANDBOX_UID_RANGE, identityFiles, sandboxIdentity } from "../../src/sandbox/identity.js";
import { assertReachable, chownTree } from "../../src/sandbox/own.js";
import { SandboxUnavailableError } from "../../src/sandbox/types.js";
import { IS_ROOT } from "./helpers.js";

describe("sandboxIdentity", () => {
  it.skipIf(!IS_ROOT)("gives root's jobs a stable unprivileged uid per job directory", () => {
    const a = sandboxIdentity("/work/jobs/a");
    expect(a).toEqual(sandboxIdentity("/work/jobs/a"));
    expect(a.switchUser).toBe(true);
    expect(a.uid).toBeGreaterThanOrEqual(SANDBOX_UID_BASE);
    expect(a.uid).toBeLessThan(SANDBOX_UID_BASE + SANDBOX_UID_RANGE);
    expect(sandboxIdentity("/work/jobs/b").uid).not.toBe(a.uid);
    expect(sandboxIdentity("/work/jobs/a", 4242)).toEqual({ uid: 4242, gid: 4242, switchUser: true });
    expect(() => sandboxIdentity("/x", 0)).toThrow(RangeError);
  });

  it.skipIf(IS_ROOT)("runs as the app's own user when the app is not root", () => {
    expect(sandboxIdentity("/work/jobs/a")).toEqual({ uid: process.getuid!(), gid: process.getgid!(), switchUser: false });
  });

  it("names the user in a synthetic passwd/group", () => {
    expect(identityFiles({ uid: 7, gid: 8, switchUser: true }, "/h")).toEqual({
      passwd: "sandbox:x:7:8:elixir-agent sandbox:/h:/bin/sh\n",
      group: "sandbox:x:8:\n",
    });
  });
});

describe.skipIf(!IS_ROOT)("chownTree / assertReachable (as root)", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const identity = { uid: 1800999999, gid: 1800999999, switchUser: true };

  it("hands the tree over without following symlinks, touching hard links or .git", async () => {
    dir = mkdtempSync(join(tmpdir(), "ea-own-"));
    const outside = join(dir, "outside.txt");
    writeFileSync(outside, "host file");
    const tree = join(dir, "repo");
    mkdirSync(join(tree, "lib"), { recursive: true });
    mkdirSync(join(tree, ".git"));
    writeFileSync(join(tree, "lib", "a.ex"), "");
    writeFileSync(join(tree, ".git", "config"), "");
    symlinkSync(outside, join(tree, "evil-link"));
    linkSync(outside, join(tree, "evil-hardlink"));
    await chownTree(tree, identity, [join(tree, ".git")]);
    expect(statSync(join(tree, "lib", "a.ex")).uid).toBe(identity.uid);
    expect(lstatSync(join(tree, "evil-link")).uid).toBe(identity.uid);
    expect(statSync(outside).uid).toBe(0);
    expect(statSync(join(tree, ".git", "config")).uid).toBe(0);
  });

  it("explains which directory the sandbox user cannot traverse", async () => {
    dir = mkdtempSync(join(tmpdir(), "ea-own-"));
    mkdirSync(join(dir, "ws"));
    const error = await assertReachable(join(dir, "ws"), identity).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxUnavailableError);
    expect((error as SandboxUnavailableError).message).toContain(dir);
    expect((error as SandboxUnavailableError).fix).toContain(`chmod o+x ${dir}`);
  });
});
