import { describe, expect, it } from "vitest";
import { parseCompileJson } from "../../../src/toolchain/compile/json.js";
import { parseCompileText } from "../../../src/toolchain/compile/text.js";
import { parseCredoOutput } from "../../../src/toolchain/credo/parse.js";
import { parseDialyxir, parseDialyzer } from "../../../src/toolchain/dialyzer/parse.js";
import { parseFormatCheck } from "../../../src/toolchain/format/check.js";
import { parseCoverageTable, parseCoverJsonl } from "../../../src/toolchain/test/coverage.js";
import { parseExUnitJsonl } from "../../../src/toolchain/test/jsonl.js";
import { parseExUnitText } from "../../../src/toolchain/test/text.js";
import { excerpt, oneLine, stripAnsi } from "../../../src/toolchain/text/ansi.js";
import { classifyMixError } from "../../../src/toolchain/text/mix-errors.js";
import { sample } from "../helpers/samples.js";

/** Every text parser, so each adversarial input goes through all of them. */
const PARSERS: [string, (text: string) => unknown][] = [
  ["compile text", parseCompileText],
  ["compile json", parseCompileJson],
  ["exunit text", parseExUnitText],
  ["exunit jsonl", parseExUnitJsonl],
  ["cover jsonl", parseCoverJsonl],
  ["cover table", (t) => parseCoverageTable(t, 90)],
  ["format check", parseFormatCheck],
  ["credo", parseCredoOutput],
  ["dialyxir", parseDialyxir],
  ["dialyzer", parseDialyzer],
  ["mix errors", classifyMixError],
];

/** Deterministic pseudo-random bytes. */
function junk(length: number, seed = 7): string {
  let x = seed;
  let out = "";
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(x % 256);
  }
  return out;
}

const colour = (text: string) =>
  text
    .split("\n")
    .map((l, i) => (l ? `\x1b[${31 + (i % 6)}m\x1b[1m${l}\x1b[0m` : l))
    .join("\n");

describe("ANSI codes change nothing", () => {
  it("compile, test, dialyzer and format parsers give the same result on coloured output", () => {
    const cases: [(t: string) => unknown, string][] = [
      [parseCompileText, sample("compile", "1.16.3_compile_warnings.txt").text],
      [parseCompileText, sample("compile", "1.14.0_compile_error_undefined.txt").text],
      [parseExUnitText, sample("test", "1.17.3_mix_test_fail.txt").text],
      [parseDialyzer, sample("dialyzer", "otp25_dialyzer_elixir118_beams.txt").text],
      [parseDialyxir, sample("dialyzer", "dialyxir_format_github_stderr.txt").text],
      [(t) => parseFormatCheck(t).hunks, sample("format", "1.15.8_format_check.txt").text],
    ];
    for (const [parse, text] of cases) {
      // Evidence keeps the raw text, which differs: compare what the parsers extract.
      expect(JSON.stringify(parse(colour(text))).replace(/"text":"(?:[^"\\]|\\.)*"/g, "")).toBe(
        JSON.stringify(parse(text)).replace(/"text":"(?:[^"\\]|\\.)*"/g, ""),
      );
    }
  });

  it("stripAnsi removes CSI and OSC sequences, oneLine and excerpt clamp", () => {
    expect(stripAnsi("\x1b[1m\x1b[31mlib/a.ex\x1b[0m \x1b]8;;https://x\x07link\x1b]8;;\x07 \x1b[2K")).toBe("lib/a.ex link ");
    expect(oneLine("a\n  b", 255)).toBe("a b");
    expect(oneLine("x".repeat(300))).toHaveLength(255);
    expect(excerpt("line\n".repeat(2000), 100)).toMatch(/… \(\d+ more characters\)$/);
  });
});

describe("truncated output", () => {
  it("every prefix of a sample parses without throwing, finding a subset", () => {
    const inputs = [
      sample("compile", "1.18.4_compile_error_missing_end.txt").text,
      sample("compile", "1.16.3_diag_error.json").text,
      sample("test", "1.14.0_tests.jsonl").text,
      sample("test", "1.18.4_mix_test_cover.txt").text,
      sample("credo", "credo_json.txt").text,
      sample("format", "1.18.4_format_check.txt").text,
      sample("dialyzer", "1.18.4_dialyxir_short_github_full.txt").text,
    ];
    for (const text of inputs) {
      for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 97))) {
        for (const [, parse] of PARSERS) expect(() => parse(text.slice(0, cut))).not.toThrow();
      }
    }
    const full = parseExUnitText(sample("test", "1.18.4_mix_test_fail.txt").text).tests.length;
    const half = parseExUnitText(sample("test", "1.18.4_mix_test_fail.txt").text.slice(0, 1200)).tests.length;
    expect(half).toBeLessThan(full);
  });
});

describe("garbage", () => {
  const inputs = [
    junk(200_000),
    "\0".repeat(100_000),
    "x".repeat(1_000_000),
    "warning: ".repeat(50_000),
    `${"    warning: a\n    │\n".repeat(20_000)}`,
    `${"  1) test x (M)\n".repeat(20_000)}`,
    `${"** (CompileError) ".repeat(20_000)}`,
    `${"{".repeat(50_000)}\n{"issues": [`,
    `${"lib/a.ex:".repeat(50_000)}`,
    "::warning file=".repeat(20_000),
    "| 1".repeat(100_000),
  ];

  it("no parser throws or finds anything meaningful in random bytes and near-misses", () => {
    for (const text of inputs) {
      for (const [name, parse] of PARSERS) {
        let result: unknown;
        expect(() => (result = parse(text)), name).not.toThrow();
        if (Array.isArray(result)) expect(result.length, name).toBe(0);
      }
    }
  });

  it("JSON readers reject documents of the wrong shape", () => {
    expect(parseCredoOutput('{"issues": "nope"}')).toBeUndefined();
    expect(parseCredoOutput('{"issues": [{"check": 1}, null, 3]}')).toEqual([]);
    expect(parseCoverJsonl('{"modules": [{"module": "A", "lines": [[1, "x"], [-3, 1], [2, 1]]}]}')[0]!.lines).toEqual(new Map([[2, 1]]));
    expect(parseExUnitJsonl('{"event":"test_finished","name":"x","status":"weird"}\n[1,2]\nnull').tests).toEqual([]);
  });
});

describe("10 MB of output", () => {
  const block = (i: number) =>
    `  ${i}) test case number ${i} (BigTest)\n     test/big_test.exs:${i}\n     Assertion with == failed\n     code:  assert ${i} == 0\n     left:  ${i}\n     right: 0\n     stacktrace:\n       test/big_test.exs:${i + 1}: (test)\n\n`;

  it("the ExUnit text parser finds every failure", () => {
    const parts: string[] = [];
    let size = 0;
    let n = 0;
    while (size < 10 * 1024 ** 2) {
      const b = block(++n);
      parts.push(b);
      size += b.length;
    }
    const run = parseExUnitText(`${parts.join("")}\nFinished in 1.0 seconds\n${n} tests, ${n} failures\n`);
    expect(run.tests).toHaveLength(n);
    expect(run.summary).toMatchObject({ total: n, failures: n });
    expect(run.tests.at(-1)!.failures[0]!.location).toEqual({ file: "test/big_test.exs", line: n + 1 });
  });

  it("the JSONL reader and the compiler parser find every record", () => {
    const line = (i: number) => JSON.stringify({ event: "test_finished", module: "BigTest", name: `test n${i}`, file: "/r/test/big_test.exs", line: i, status: i % 10 ? "passed" : "failed", failures: [] });
    const lines: string[] = [];
    let size = 0;
    for (let i = 1; size < 10 * 1024 ** 2; i++) {
      const l = line(i);
      lines.push(l);
      size += l.length + 1;
    }
    const run = parseExUnitJsonl(lines.join("\n"));
    expect(run.tests).toHaveLength(lines.length);

    const warning = (i: number) => `    warning: variable "v${i}" is unused\n    │\n ${i} │     v${i} = 1\n    │     ~\n    │\n    └─ lib/big.ex:${i}:5: Big.f/0\n\n`;
    const text: string[] = [];
    size = 0;
    for (let i = 1; size < 10 * 1024 ** 2; i++) {
      const w = warning(i);
      text.push(w);
      size += w.length;
    }
    expect(parseCompileText(text.join("")).diagnostics).toHaveLength(text.length);
  });
});
