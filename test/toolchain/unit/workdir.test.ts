import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepareWorkDirs, readOutput, WORK_DIR_NAME } from "../../../src/toolchain/workdir.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ea-work-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the helper output directory", () => {
  it("is recreated: a symlink the PR committed in its place is removed, never followed", async () => {
    const victim = join(dir, "victim");
    mkdirSync(victim);
    writeFileSync(join(victim, "keep"), "x");
    const root = join(dir, "repo");
    mkdirSync(root);
    symlinkSync(victim, join(root, WORK_DIR_NAME));
    const work = await prepareWorkDirs(root);
    expect(lstatSync(work.root).isDirectory()).toBe(true);
    expect(readdirSync(victim)).toEqual(["keep"]);
    expect(readdirSync(work.root).sort()).toEqual(["hex-home", "mix-home", "out", "plt"]);
  });

  it("readOutput reads regular files inside the root only", async () => {
    const root = join(dir, "repo");
    const work = await prepareWorkDirs(root);
    writeFileSync(join(work.out, "ok.json"), "{}");
    writeFileSync(join(dir, "secret"), "secret");
    symlinkSync(join(dir, "secret"), join(work.out, "link.json"));
    execFileSync("mkfifo", [join(work.out, "fifo.json")]);
    writeFileSync(join(work.out, "big.json"), "x".repeat(2000));
    expect(await readOutput(root, join(work.out, "ok.json"))).toBe("{}");
    expect(await readOutput(root, join(work.out, "link.json"))).toBeUndefined();
    expect(await readOutput(root, join(work.out, "fifo.json"))).toBeUndefined();
    expect(await readOutput(root, join(work.out, "big.json"), 1000)).toBeUndefined();
    expect(await readOutput(root, join(work.out, "missing.json"))).toBeUndefined();
  });
});

describe.runIf(process.getuid?.() === 0)("handing the toolchain's files to the sandbox uid (root app)", () => {
  it("chowns the tree without following symlinks or touching hard-linked files", async () => {
    const { handOver, sandboxUid } = await import("../../../src/toolchain/own.js");
    const outside = join(dir, "outside");
    writeFileSync(outside, "host file");
    const tree = join(dir, "tree");
    mkdirSync(join(tree, "sub"), { recursive: true });
    writeFileSync(join(tree, "sub/a.json"), "{}");
    symlinkSync(outside, join(tree, "link"));
    execFileSync("ln", [outside, join(tree, "hard")]);
    await handOver([tree, join(dir, "missing")], 4_242_424);
    expect(lstatSync(join(tree, "sub/a.json")).uid).toBe(4_242_424);
    expect(lstatSync(join(tree, "sub")).gid).toBe(4_242_424);
    expect(lstatSync(join(tree, "link")).uid).toBe(4_242_424);
    expect(lstatSync(outside).uid).toBe(0);
    const fake = { backend: "bubblewrap", enforcement: { memory: "none", processes: "none", uid: 4_242_424 } } as never;
    expect(sandboxUid(fake)).toBe(4_242_424);
    expect(sandboxUid({ ...(fake as object), enforcement: { uid: null } } as never)).toBeUndefined();
  });
});
