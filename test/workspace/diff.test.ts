import { afterEach, describe, expect, it } from "vitest";
import { parseUnifiedDiff, unquote } from "../../src/workspace/diff.js";
import type { DiffFile } from "../../src/workspace/types.js";
import { TestRepo } from "../helpers/git-repo.js";

/** The diff exactly as the workspace stage asks git for it. */
function diffOf(repo: TestRepo, from: string, to: string): DiffFile[] {
  const text = repo.git("diff", "--no-color", "--no-ext-diff", "--no-textconv", "--find-renames", "--src-prefix=a/", "--dst-prefix=b/", from, to);
  return parseUnifiedDiff(text);
}

function byPath(files: DiffFile[], path: string): DiffFile {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} not in diff: ${files.map((f) => f.path).join(", ")}`);
  return file;
}

const lines = (n: number, prefix = "line") => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join("\n") + "\n";

describe("parseUnifiedDiff on real git output", () => {
  const repos: TestRepo[] = [];
  const repo = () => {
    const r = new TestRepo();
    repos.push(r);
    return r;
  };
  afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

  it("maps added and context lines of a modification to new-side line numbers", () => {
    const r = repo();
    const base = r.write({ "lib/a.ex": lines(20) }).commit("base");
    const text = lines(20).replace("line 5\n", "line 5\nnew A\nnew B\n").replace("line 15\n", "");
    const head = r.write({ "lib/a.ex": text }).commit("change");
    const [file] = diffOf(r, base, head);
    expect(file).toMatchObject({ path: "lib/a.ex", status: "modified", binary: false, additions: 2, deletions: 1 });
    expect(file!.addedLines).toEqual([6, 7]);
    // Hunks carry 3 lines of context around each change.
    // Two hunks, each with 3 lines of context around its change.
    expect(file!.hunks).toHaveLength(2);
    expect(file!.commentableLines).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 19]);
    const added = file!.hunks[0]!.lines.filter((l) => l.kind === "add");
    expect(added.map((l) => l.text)).toEqual(["new A", "new B"]);
    const deleted = file!.hunks[1]!.lines.find((l) => l.kind === "del")!;
    expect(deleted).toMatchObject({ oldLine: 15, text: "line 15" });
  });

  it("handles renames with and without edits, and paths with spaces and unicode", () => {
    const r = repo();
    const base = r.write({ "lib/old_name.ex": lines(30), "lib/keep.ex": lines(10, "k") }).commit("base");
    r.remove("lib/old_name.ex", "lib/keep.ex");
    r.write({ "lib/new name.ex": lines(30).replace("line 30", "line thirty"), "lib/kéép.ex": lines(10, "k") });
    const head = r.commit("rename");
    const files = diffOf(r, base, head);
    const edited = byPath(files, "lib/new name.ex");
    expect(edited).toMatchObject({ status: "renamed", oldPath: "lib/old_name.ex", additions: 1, deletions: 1 });
    expect(edited.addedLines).toEqual([30]);
    const pure = byPath(files, "lib/kéép.ex");
    expect(pure).toMatchObject({ status: "renamed", oldPath: "lib/keep.ex", additions: 0, hunks: [] });
    expect(pure.commentableLines).toEqual([]);
  });

  it("reports binary files without hunks, added, modified and deleted", () => {
    const r = repo();
    const png = (seed: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, seed, 0, 1, 2, 3]);
    const base = r.write({ "priv/static/logo.png": png(1), "priv/old.bin": png(2) }).commit("base");
    r.remove("priv/old.bin");
    const head = r.write({ "priv/static/logo.png": png(9), "priv/new.bin": png(3) }).commit("binary");
    const files = diffOf(r, base, head);
    expect(byPath(files, "priv/static/logo.png")).toMatchObject({ status: "modified", binary: true, hunks: [], commentableLines: [] });
    expect(byPath(files, "priv/new.bin")).toMatchObject({ status: "added", binary: true });
    expect(byPath(files, "priv/old.bin")).toMatchObject({ status: "deleted", binary: true });
  });

  it("handles deletions and additions of whole files", () => {
    const r = repo();
    const base = r.write({ "lib/gone.ex": lines(4), "README.md": "x\n" }).commit("base");
    r.remove("lib/gone.ex");
    const head = r.write({ "lib/fresh.ex": "defmodule Fresh do\nend\n" }).commit("change");
    const files = diffOf(r, base, head);
    expect(byPath(files, "lib/gone.ex")).toMatchObject({ status: "deleted", deletions: 4, addedLines: [], commentableLines: [] });
    expect(byPath(files, "lib/fresh.ex")).toMatchObject({ status: "added", addedLines: [1, 2], commentableLines: [1, 2] });
  });

  it("keeps CRLF files line-exact and strips the carriage return from text", () => {
    const r = repo();
    const crlf = (n: number) => Array.from({ length: n }, (_, i) => `row ${i + 1}`).join("\r\n") + "\r\n";
    const base = r.write({ "config/win.exs": crlf(6) }).commit("base");
    const head = r.write({ "config/win.exs": crlf(6).replace("row 3\r\n", "row 3\r\nrow 3b\r\n") }).commit("crlf");
    const [file] = diffOf(r, base, head);
    expect(file!.addedLines).toEqual([4]);
    expect(file!.hunks[0]!.lines.find((l) => l.kind === "add")!.text).toBe("row 3b");
  });

  it("notices a missing newline at end of file on the new side only", () => {
    const r = repo();
    const base = r.write({ "lib/a.ex": "a\nb\n", "lib/b.ex": "x\ny" }).commit("base");
    const head = r.write({ "lib/a.ex": "a\nb\nc", "lib/b.ex": "x\ny\nz\n" }).commit("eof");
    const files = diffOf(r, base, head);
    const a = byPath(files, "lib/a.ex");
    expect(a.noNewlineAtEnd).toBe(true);
    expect(a.addedLines).toEqual([3]);
    const b = byPath(files, "lib/b.ex");
    expect(b.noNewlineAtEnd).toBe(false);
    expect(b.addedLines).toEqual([2, 3]);
    expect(b.deletions).toBe(1);
  });

  it("does not mistake content that looks like headers for headers", () => {
    const r = repo();
    const base = r.write({ "notes.md": "intro\n" }).commit("base");
    const head = r.write({ "notes.md": "intro\n-- a\n++ b\n--- c\n+++ d\n@@ -1 +1 @@\ndiff --git a/x b/x\n" }).commit("tricky");
    const [file] = diffOf(r, base, head);
    expect(file!.addedLines).toEqual([2, 3, 4, 5, 6, 7]);
    expect(file!.hunks).toHaveLength(1);
  });

  it("records mode changes without content changes", () => {
    const r = repo();
    const base = r.write({ "bin/run.sh": "echo hi\n" }).commit("base");
    r.git("update-index", "--chmod=+x", "bin/run.sh");
    r.git("commit", "-q", "-m", "exec");
    const [file] = diffOf(r, base, r.head());
    expect(file).toMatchObject({ path: "bin/run.sh", status: "modified", oldMode: "100644", newMode: "100755", hunks: [] });
  });

  it("parses a 1,000-file change", () => {
    const r = repo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`lib/gen/mod_${i}.ex`] = `defmodule Gen.Mod${i} do\n  def v, do: ${i}\nend\n`;
    const base = r.write({ "mix.exs": "x\n" }).commit("base");
    const head = r.write(files).commit("thousand");
    const parsed = diffOf(r, base, head);
    expect(parsed).toHaveLength(1000);
    expect(parsed.every((f) => f.status === "added" && f.addedLines.length === 3)).toBe(true);
    expect(new Set(parsed.map((f) => f.path)).size).toBe(1000);
  });
});

describe("unquote", () => {
  it("decodes git's C-style quoting with octal UTF-8 bytes", () => {
    expect(unquote('"lib/k\\303\\251\\303\\251p.ex"')).toBe("lib/kéép.ex");
    expect(unquote('"a\\"b\\\\c\\td"')).toBe('a"b\\c\td');
    expect(unquote("plain/path.ex")).toBe("plain/path.ex");
  });
});
