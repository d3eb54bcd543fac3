/**
 * Publishing figures: how long rendering, planning and limiting take for a very large review, so
 * publishing never becomes the slow part of a job (GitHub's write spacing is). Prints figures;
 * asserts nothing. Run: `npx tsx bench/publishing.ts`.
 */
import { toAnnotations } from "../src/github/annotations.js";
import { WriteLimiter } from "../src/github/limiter.js";
import { commentBody } from "../src/github/review/comment-body.js";
import { planReview } from "../src/github/review/plan.js";
import type { PriorThread } from "../src/github/review/state.js";
import { ConfigSchema } from "../src/config/schema.js";
import type { ReviewReport } from "../src/pipeline/types.js";
import { collectFindings } from "../src/review/collect.js";
import type { RawFinding } from "../src/review/finding.js";
import { decideGate } from "../src/review/gate.js";
import { renderSummary } from "../src/review/render/markdown.js";
import { truncateMarkdown } from "../src/util/markdown.js";
import type { DiffFile } from "../src/workspace/types.js";

const FILES = 200;
const FINDINGS = 5000;
const severities = ["blocker", "major", "minor", "info"] as const;

const diff: DiffFile[] = Array.from({ length: FILES }, (_, f) => {
  const hunks = Array.from({ length: 20 }, (_, h) => ({ oldStart: h * 50 + 1, oldLines: 10, newStart: h * 50 + 1, newLines: 12, header: "", lines: [] }));
  const commentable = hunks.flatMap((h) => Array.from({ length: h.newLines }, (_, i) => h.newStart + i));
  return { path: `lib/m${f}.ex`, status: "modified", binary: false, hunks, addedLines: commentable, commentableLines: commentable, additions: 240, deletions: 200, noNewlineAtEnd: false };
});
const raw: RawFinding[] = Array.from({ length: FINDINGS }, (_, i) => ({
  source: i % 3 === 0 ? "credo" : "analyzer",
  rule: `rule/${i % 40}`,
  severity: severities[i % 4]!,
  path: `lib/m${i % FILES}.ex`,
  line: (i * 7) % 1000 + 1,
  title: `Finding number ${i} about something worth fixing`,
  message: "Explanation with `code` and a link to the docs. ".repeat(4),
  suggestion: "  def fixed, do: :ok",
  evidence: "tool output\n".repeat(20),
}));
const config = ConfigSchema.parse({});
const findings = collectFindings(raw, { ignorePaths: [], ignoredRules: [], codeAt: (p, l) => `${p}:${l} code` });
const toolchain = { ran: true, sandbox: "bubblewrap" as const, steps: [] };
const analyzer = { ran: true, findings: raw, filesAnalyzed: FILES, linesAnalyzed: 200_000, skipped: [], durationMs: 900 };
const agent = { status: "skipped" as const, reason: "no key", checklist: [], findings: [], filesSeen: [], filesNotSeen: [], usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, calls: 0 };
const gate = decideGate({ config, hasMixProject: true, toolchain, analyzer, agent, findings, changedPaths: new Set(diff.map((d) => d.path)) });
const report: ReviewReport = {
  schemaVersion: 1,
  repo: { owner: "o", name: "r" },
  headSha: "a".repeat(40),
  baseSha: "b".repeat(40),
  mergeBase: "c".repeat(40),
  config,
  configSource: "default",
  project: { mix: true, umbrella: false, apps: [], deps: { phoenix: true, phoenixLiveView: true, absinthe: true, ecto: true, ectoSql: true, postgrex: true, credo: true, dialyxir: true, excoveralls: false } },
  files: diff.map((d) => ({ path: d.path, status: d.status, additions: d.additions, deletions: d.deletions, binary: false })),
  toolchain,
  analyzer,
  agent,
  findings,
  ignoredRules: [],
  gate,
  stages: [],
  durationMs: 60_000,
};
const threads: PriorThread[] = findings.slice(0, 2000).map((f, i) => ({
  threadId: `T${i}`,
  commentId: i,
  body: "",
  path: f.path!,
  fingerprint: i % 2 === 0 ? f.fingerprint : `gone${i}`.padEnd(16, "0"),
  source: f.source,
  isResolved: i % 5 === 0,
  isOutdated: false,
}));

function time(label: string, runs: number, fn: () => unknown): void {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2);
  console.log(`${label.padEnd(58)} p50 ${p(0.5).padStart(8)} ms   p99 ${p(0.99).padStart(8)} ms`);
}

console.log(`publishing: ${FINDINGS} findings, ${FILES} files, ${threads.length} earlier threads`);
time("collect + fingerprint", 20, () => collectFindings(raw, { ignorePaths: [], ignoredRules: [], codeAt: (p, l) => `${p}:${l}` }));
time("summary render + truncate to 65,535 bytes", 20, () => truncateMarkdown(renderSummary(report), 65_535));
time("annotations (capped at 1,000)", 20, () => toAnnotations(findings, { redact: (s) => s, agentGates: false }));
time("review plan (placement, no-repeat, fixed threads)", 20, () =>
  planReview({ findings, diff, prior: { reviews: [], threads }, headSha: report.headSha, maxComments: 10, requestChanges: false, conclusion: gate.conclusion, covered: () => true }),
);
time("50 comment bodies with 60 KB evidence each", 20, () => {
  for (const f of findings.slice(0, 50)) commentBody({ ...f, evidence: "e".repeat(60_000) }, { exactRange: true, redact: (s) => s });
});

const limiter = new WriteLimiter({ minIntervalMs: 0 });
const writes = 10_000;
const start = performance.now();
await Promise.all(Array.from({ length: writes }, () => limiter.schedule(async () => undefined)));
console.log(`${"limiter overhead per write (interval 0)".padEnd(58)} ${(((performance.now() - start) / writes) * 1000).toFixed(1)} µs`);
