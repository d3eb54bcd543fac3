import { describe, expect, it } from "vitest";
import { collectFindings } from "../../src/review/collect.js";
import type { RawFinding } from "../../src/review/finding.js";
import { assignFingerprints } from "../../src/review/fingerprint.js";

const raw = (line: number, over: Partial<RawFinding> = {}): RawFinding => ({ source: "analyzer", rule: "debug/io-inspect", severity: "minor", path: "lib/a.ex", line, title: "Leftover IO.inspect/1", message: "m", ...over });

describe("fingerprints", () => {
  it("follow the code, not the line: shifting and re-indenting keeps them", () => {
    const before = ["defmodule A do", "  def a(x) do", "    IO.inspect(x)", "  end", "end"];
    const after = ["defmodule A do", "  @moduledoc false", "", "  def a(x) do", "        IO.inspect(x)", "  end", "end"];
    const [a] = assignFingerprints([raw(3)], (_p, l) => before[l - 1]);
    const [b] = assignFingerprints([raw(5)], (_p, l) => after[l - 1]);
    expect(a!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(b!.fingerprint).toBe(a!.fingerprint);
    const [other] = assignFingerprints([raw(3, { rule: "debug/dbg" })], (_p, l) => before[l - 1]);
    expect(other!.fingerprint).not.toBe(a!.fingerprint);
  });

  it("tells identical findings on identical code apart by their order in the file, whatever order producers report them in", () => {
    const code = ["IO.inspect(x)", "x", "IO.inspect(x)"];
    const forward = assignFingerprints([raw(1), raw(3)], (_p, l) => code[l - 1]);
    const backward = assignFingerprints([raw(3), raw(1)], (_p, l) => code[l - 1]);
    expect(forward[0]!.fingerprint).not.toBe(forward[1]!.fingerprint);
    expect(backward.map((f) => [f.line, f.fingerprint])).toEqual([
      [3, forward[1]!.fingerprint],
      [1, forward[0]!.fingerprint],
    ]);
  });

  it("keeps a producer's own fingerprint, in the same 16-hex shape", () => {
    const [own] = assignFingerprints([raw(1, { fingerprint: "credo:abc/def" })], () => "x");
    expect(own!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const [hex] = assignFingerprints([raw(1, { fingerprint: "00000000000000aa" })], () => "x");
    expect(hex!.fingerprint).toBe("00000000000000aa");
  });

  it("collect drops duplicates and ignored paths/rules, orders by severity, and keeps fingerprints unique", () => {
    const found = collectFindings(
      [
        raw(1),
        raw(1),
        raw(2, { severity: "blocker", rule: "compile/error", source: "compile" }),
        raw(4, { path: "deps/x/lib/y.ex" }),
        raw(5, { rule: "style/ignored" }),
        raw(6, { fingerprint: "00000000000000aa" }),
        raw(7, { fingerprint: "00000000000000aa", title: "another" }),
      ],
      { ignorePaths: ["deps/**"], ignoredRules: [{ rule: "style/ignored", by: "octocat" }], codeAt: () => "code" },
    );
    expect(found.map((f) => [f.line, f.severity])).toEqual([
      [2, "blocker"],
      [1, "minor"],
      [6, "minor"],
    ]);
  });
});
