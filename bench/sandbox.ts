/**
 * Start-up overhead of the sandbox per step: `true` run through each backend versus `true` run
 * directly (same spawn path), median of many runs. Target: ≤ 20 ms per step for bubblewrap.
 *
 *   npx tsx bench/sandbox.ts [runs]
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createSandbox, type BackendSandbox } from "../src/sandbox/index.js";
import { probeBubblewrap } from "../src/sandbox/bubblewrap/probe.js";
import { runProcess } from "../src/sandbox/process/run.js";
import { which } from "../src/sandbox/which.js";
import { median, percentile } from "./lib.js";

const RUNS = Number(process.argv[2] ?? 60);
const TARGET_MS = 20;

type Case = { name: string; once: () => Promise<unknown> };

async function measure(cases: Case[]): Promise<Map<string, number[]>> {
  const samples = new Map(cases.map((c) => [c.name, [] as number[]]));
  for (const c of cases) await c.once(); // warm caches (probe, page cache)
  // Interleaved, so load from other processes spreads over every case alike.
  for (let i = 0; i < RUNS; i++) {
    for (const c of cases) {
      const start = performance.now();
      await c.once();
      samples.get(c.name)?.push(performance.now() - start);
    }
  }
  return samples;
}

const jobDir = mkdtempSync(join(tmpdir(), "ea-bench-"));
const workspace = join(jobDir, "repo");
mkdirSync(workspace);
const truePath = which("true", process.env.PATH) ?? "/usr/bin/true";
const direct: Case = { name: "direct (spawn true)", once: () => runProcess({ argv: [truePath], cwd: "/", env: {}, wallMs: 10_000, outputBytes: 4096 }) };
const viaSandbox = (name: string, sandbox: BackendSandbox): Case => ({ name, once: () => sandbox.run({ command: "true", args: [], cwd: workspace }) });

const cases: Case[] = [direct];
const sandboxes: BackendSandbox[] = [];
try {
  const bwrap = await createSandbox("bubblewrap", { workspace, jobDir });
  const rlimitOnly = await createSandbox("bubblewrap", { workspace, jobDir, cgroups: false });
  sandboxes.push(bwrap, rlimitOnly);
  const host = await probeBubblewrap(process.env.PATH);
  const raw = [host.bwrap, "--unshare-all", "--unshare-user", "--die-with-parent", "--ro-bind", "/usr", "/usr"];
  for (const [link, target] of Object.entries(host.rootLinks)) raw.push("--symlink", target, link);
  raw.push("--proc", "/proc", "--dev", "/dev", "--", truePath);
  const argv = process.getuid?.() === 0 ? [host.tools.setpriv, "--reuid=1800000000", "--regid=1800000000", "--clear-groups", "--", ...raw] : raw;
  cases.push({ name: "bare bwrap (reference: no limits, binds, marker)", once: () => runProcess({ argv, cwd: "/", env: {}, wallMs: 10_000, outputBytes: 4096 }) });
  cases.push(viaSandbox(`bubblewrap (memory: ${bwrap.enforcement.memory}, pids: ${bwrap.enforcement.processes})`, bwrap));
  cases.push(viaSandbox("bubblewrap (rlimits only)", rlimitOnly));
} catch (error) {
  console.log(`bubblewrap unavailable here: ${(error as Error).message}`);
}
const none = await createSandbox("none", { workspace, jobDir });
sandboxes.push(none);
cases.push(viaSandbox("none", none));

try {
  const samples = await measure(cases);
  const base = median(samples.get(direct.name) ?? []);
  console.log(`sandbox start-up overhead per step — median of ${RUNS} runs of \`true\` (ms), load average ${loadavg()[0]?.toFixed(2)}`);
  for (const c of cases) {
    const values = samples.get(c.name) ?? [];
    const m = median(values);
    const verdict = c.name.startsWith("bubblewrap") ? (m - base <= TARGET_MS ? " ✓" : ` ✗ (target ≤ ${TARGET_MS})`) : "";
    const overhead = c === direct ? "" : `  overhead ${(m - base).toFixed(1)}${verdict}`;
    console.log(`  ${c.name.padEnd(58)} median ${m.toFixed(1).padStart(6)}  p90 ${percentile(values, 90).toFixed(1).padStart(6)}${overhead}`);
  }
} finally {
  for (const sandbox of sandboxes) await sandbox.dispose();
  rmSync(jobDir, { recursive: true, force: true });
}
