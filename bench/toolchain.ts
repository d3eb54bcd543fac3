/**
 * Toolchain benchmark (`npx tsx bench/toolchain.ts`):
 *  1. cold vs warm review time of the toolchain stage on a fixture project — cold starts from an
 *     empty cache (the core PLT is built, everything compiles), warm is a PR run that restores the
 *     dialyzer PLT and `_build` from the cache a default-branch run wrote (target: ≥ 5× faster);
 *  2. the parsers' throughput on 10 MB of test output (target: < 1 s).
 * Set BENCH_FIXTURE to pick another fixture (default: warnings — compile warnings, unformatted
 * code, tests with coverage and a dialyzer warning); it runs through bubblewrap when available.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseCompileText } from "../src/toolchain/compile/text.js";
import { parseExUnitJsonl } from "../src/toolchain/test/jsonl.js";
import { parseExUnitText } from "../src/toolchain/test/text.js";
import { HAS_BWRAP, HAS_ELIXIR, runFixture } from "../test/toolchain/helpers/real.js";
import type { ElixirFixture } from "../test/toolchain/helpers/fixture.js";

const MB = 1024 ** 2;
const fixture = (process.env.BENCH_FIXTURE ?? "warnings") as ElixirFixture;
/** The real sandbox when it works here; BENCH_SANDBOX=direct runs on the host (test runner). */
const backend = process.env.BENCH_SANDBOX === "direct" || !HAS_BWRAP ? "direct" : "bubblewrap";

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function stage(): Promise<void> {
  if (!HAS_ELIXIR) {
    console.log("toolchain stage: skipped (no elixir on PATH)");
    return;
  }
  const cacheDir = mkdtempSync(join(tmpdir(), "ea-bench-cache-"));
  try {
    let started = Date.now();
    const cold = await runFixture(fixture, { cacheDir, writeCache: true, backend });
    const coldMs = Date.now() - started;
    started = Date.now();
    const warm = await runFixture(fixture, { cacheDir, writeCache: false, backend });
    const warmMs = Date.now() - started;
    const plt = /PLT built in (\d+) s/.exec(cold.step("dialyzer").reason ?? "")?.[1];
    const line = (label: string, ms: number, run: typeof cold) =>
      `  ${label}: ${seconds(ms).padStart(8)}  (${run.report.steps.map((s) => `${s.id} ${seconds(s.durationMs)}`).join(", ")})`;
    console.log(`toolchain stage on fixture "${fixture}" (sandbox: ${cold.report.sandbox}, Elixir ${cold.report.versions?.elixir}, OTP ${cold.report.versions?.otp})`);
    console.log(line("cold", coldMs, cold));
    console.log(line("warm", warmMs, warm));
    console.log(`  core PLT build (erts, kernel, stdlib, elixir, logger): ${plt ? `${plt} s` : "not built (already cached?)"}`);
    console.log(`  restored on the warm run: ${warm.report.cache?.restored.join(", ") || "nothing"}`);
    const ratio = coldMs / warmMs;
    console.log(`  warm is ${ratio.toFixed(1)}× faster than cold (target ≥ 5×: ${ratio >= 5 ? "met" : "NOT met"})`);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function tenMegabytes(block: (i: number) => string): { text: string; count: number } {
  const parts: string[] = [];
  let size = 0;
  let count = 0;
  while (size < 10 * MB) {
    const b = block(++count);
    parts.push(b);
    size += b.length;
  }
  return { text: parts.join(""), count };
}

function median(fn: () => void, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

function parsers(): void {
  // CLI output: every tenth test fails (a full failure block), the rest are progress dots and logs.
  const cli = tenMegabytes((i) =>
    i % 10 === 0
      ? `\n  ${i}) test case ${i} (BigTest)\n     test/big_test.exs:${i}\n     Assertion with == failed\n     code:  assert value(${i}) == 0\n     left:  ${i}\n     right: 0\n     stacktrace:\n       test/big_test.exs:${i + 1}: (test)\n\n`
      : `.....\n[info] request ${i} handled in 3ms\n`,
  );
  const jsonl = tenMegabytes((i) =>
    `${JSON.stringify({ event: "test_finished", module: "BigTest", name: `test case ${i}`, file: "/repo/test/big_test.exs", line: i, status: i % 10 ? "passed" : "failed", time_us: 12, failures: i % 10 ? undefined : [{ kind: "error", exception: "ExUnit.AssertionError", message: "Assertion with == failed", left: `${i}`, right: "0", location: { file: "/repo/test/big_test.exs", line: i + 1 }, stacktrace: [] }] })}\n`,
  );
  const compile = tenMegabytes((i) => `    warning: variable "v${i}" is unused\n    │\n ${i} │     v${i} = 1\n    │     ~\n    │\n    └─ lib/big.ex:${i}:5: Big.f/0\n\n`);
  const rows: [string, number, string][] = [
    ["ExUnit CLI text (fallback)", median(() => parseExUnitText(cli.text)), `${Math.floor(cli.count / 10)} failures`],
    ["ExUnit JSON Lines (primary)", median(() => parseExUnitJsonl(jsonl.text)), `${jsonl.count} tests`],
    ["compiler output (1.16+ boxed)", median(() => parseCompileText(compile.text)), `${compile.count} warnings`],
  ];
  console.log(`parsers on 10 MB (median of 5; load average ${loadavg()[0]!.toFixed(1)} on this machine)`);
  for (const [name, ms, what] of rows) {
    console.log(`  ${name.padEnd(30)} ${ms.toFixed(0).padStart(5)} ms  ${(10 / (ms / 1000)).toFixed(0).padStart(4)} MB/s  (${what}; target < 1 s: ${ms < 1000 ? "met" : "NOT met"})`);
  }
}

parsers();
await stage();
