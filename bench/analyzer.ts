/**
 * Analyzer throughput: all rules vs bare tree-sitter parse-and-walk, measured in the same run on
 * the same files, plus the time to analyse a typical pull request's changed files.
 *
 *   npx tsx bench/analyzer.ts [corpus-dir]      (default: $ANALYZER_BENCH_CORPUS or /tmp/corpus)
 *
 * Without a corpus (a CI machine), a synthetic corpus is built from the committed test fixtures.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultConfig } from "../src/config/schema.js";
import { analyze } from "../src/analyzer/index.js";
import { analyzeSource } from "../src/analyzer/engine/run-file.js";
import { languageOf } from "../src/analyzer/engine/facts.js";
import { listElixirFiles } from "../src/analyzer/engine/list-files.js";
import { RULES } from "../src/analyzer/registry.js";
import { elixirParser } from "../src/analyzer/syntax/parser.js";
import type { DiffFile } from "../src/workspace/types.js";

interface SourceText {
  path: string;
  text: string;
  lines: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = process.argv[2] ?? process.env.ANALYZER_BENCH_CORPUS ?? "/tmp/corpus";

/** The files `analyze` would list in `root` (no diff), with their text. */
async function load(root: string): Promise<SourceText[]> {
  return (await listElixirFiles(root)).map((path) => {
    const text = readFileSync(join(root, path), "utf8");
    return { path, text, lines: text.split("\n").length };
  });
}

/** The committed fixtures, repeated until the corpus has ~60,000 lines. */
async function syntheticCorpus(): Promise<SourceText[]> {
  const fixtures = await load(join(here, "../test/fixtures/analyzer/rules"));
  const out: SourceText[] = [];
  for (let copy = 0; out.reduce((n, f) => n + f.lines, 0) < 60_000; copy++) {
    for (const f of fixtures) out.push({ ...f, path: f.path.replace(/^[^/]+\//, `copy${copy}/`) });
  }
  return out;
}

const real = existsSync(corpusDir) && readdirSync(corpusDir).length > 0;
const corpus = real ? (await load(corpusDir)).filter((f) => f.text.length < 1_000_000) : await syntheticCorpus();
const elixir = corpus.filter((f) => languageOf(f.path) === "elixir");
const totalLines = elixir.reduce((n, f) => n + f.lines, 0);
console.log(
  real
    ? `corpus: ${corpusDir} — ${elixir.length} Elixir files, ${totalLines} lines`
    : `corpus: synthetic (committed fixtures repeated; ${corpusDir} absent) — ${elixir.length} files, ${totalLines} lines`,
);

const parser = await elixirParser();
const config = { ...defaultConfig().analyzer, scope: "all" as const };
const readNothing = async () => undefined;

function bareParseAndWalk(files: readonly SourceText[]): number {
  let nodes = 0;
  for (const f of files) {
    const tree = parser.parse(f.text);
    if (!tree) continue;
    const cursor = tree.walk();
    for (let more = true; more; ) {
      nodes += cursor.nodeType.length > 0 ? 1 : 0;
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          more = false;
          break;
        }
      }
    }
    cursor.delete();
    tree.delete();
  }
  return nodes;
}

async function analyzeAll(files: readonly SourceText[]): Promise<number> {
  let findings = 0;
  for (const f of files) findings += (await analyzeSource(f.path, f.text, { rules: RULES, config, diff: undefined, readFile: readNothing })).findings.length;
  return findings;
}

async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

// Warm up both paths (JIT, WASM) on a slice, then alternate measured rounds.
const warm = elixir.slice(0, Math.min(elixir.length, 200));
bareParseAndWalk(warm);
await analyzeAll(warm);
const bareRuns: number[] = [];
const fullRuns: number[] = [];
let findings = 0;
for (let round = 0; round < 3; round++) {
  bareRuns.push((await time(() => bareParseAndWalk(elixir))).ms);
  const full = await time(() => analyzeAll(elixir));
  fullRuns.push(full.ms);
  findings = full.value;
}
const best = (xs: number[]) => Math.min(...xs);
const bareLps = (totalLines / best(bareRuns)) * 1000;
const fullLps = (totalLines / best(fullRuns)) * 1000;
console.log(`bare tree-sitter parse+walk: ${Math.round(bareLps).toLocaleString("en")} lines/s (best of ${bareRuns.length})`);
console.log(`analyzer, ${RULES.length} rules:       ${Math.round(fullLps).toLocaleString("en")} lines/s (${findings} findings)`);
console.log(`ratio analyzer/bare:         ${(fullLps / bareLps).toFixed(2)} (target ≥ 0.5)`);

// A typical pull request: 8 changed files around the corpus median size, written to a temp
// repository and analysed through analyze() (file reads, scope, suppression) with a diff that
// adds a third of each file.
const sorted = [...elixir].sort((a, b) => a.lines - b.lines);
const median = sorted[Math.floor(sorted.length / 2)]!.lines;
const pr = sorted.filter((f) => f.lines >= median).slice(0, 8);
const root = mkdtempSync(join(tmpdir(), "ea-bench-pr-"));
try {
  const diff: DiffFile[] = pr.map((f, i) => {
    const path = `lib/pr/file_${i}/${relative(".", f.path).split("/").pop()}`;
    mkdirSync(join(root, dirname(path)), { recursive: true });
    writeFileSync(join(root, path), f.text);
    const added = Array.from({ length: Math.ceil(f.lines / 3) }, (_, k) => k * 3 + 1);
    return { path, status: "modified", binary: false, hunks: [], addedLines: added, commentableLines: added, additions: added.length, deletions: 0, noNewlineAtEnd: false };
  });
  const prLines = pr.reduce((n, f) => n + f.lines, 0);
  const runs: number[] = [];
  for (let i = 0; i < 20; i++) runs.push((await time(() => analyze({ root, diff, config: defaultConfig().analyzer }))).ms);
  runs.sort((a, b) => a - b);
  const at = (q: number) => runs[Math.min(runs.length - 1, Math.floor(runs.length * q))]!.toFixed(1);
  console.log(
    `typical PR (${pr.length} files, ${prLines} lines, changed-lines scope, warm): median ${at(0.5)} ms, p90 ${at(0.9)} ms (target < 100 ms)`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
