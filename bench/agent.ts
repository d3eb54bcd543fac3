/**
 * Agent benchmark: prompt assembly for a synthetic 300-file change.
 *
 * Prints the assembly time (everything runAgent does except the HTTP calls, which a stub client
 * answers at once), the estimated input tokens sent versus sending the whole raw diff, and the
 * share of input tokens that a re-review reads from the prompt cache.
 *
 *   npx tsx bench/agent.ts
 */
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages/messages";
import { performance } from "node:perf_hooks";
import type { ClaudeClient } from "../src/agent/client/claude-client.js";
import { DEFAULT_PRICES } from "../src/agent/client/prices.js";
import { median } from "./lib.js";
import { rawDiffText } from "../src/agent/render-diff.js";
import { runAgent } from "../src/agent/run.js";
import { estimateTokens } from "../src/agent/tokens.js";
import type { AgentInput } from "../src/agent/types.js";
import { AgentSchema } from "../src/config/schema.js";
import { silentLogger } from "../src/logger.js";
import { parseUnifiedDiff } from "../src/workspace/diff.js";

const FILES = 300;

/** A deterministic pseudo-random source so every run measures the same change. */
function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function elixirFile(name: string, lines: number, rand: () => number): string[] {
  const out = [`defmodule App.${name} do`, `  @moduledoc "Synthetic module ${name}."`, "  use GenServer", ""];
  while (out.length < lines - 1) {
    const n = out.length;
    out.push(`  @spec f${n}(map()) :: {:ok, term()} | {:error, term()}`);
    out.push(`  def f${n}(%{id: id} = params) when is_binary(id) do`);
    out.push(`    params |> Map.get(:items, []) |> Enum.map(&(&1 * ${Math.floor(rand() * 100)})) |> then(&{:ok, &1})`);
    out.push("  end", "");
  }
  out.push("end");
  return out;
}

/** A unified diff for `FILES` files (lib, test, config, assets, a lockfile, vendored JS) and the head contents. */
function syntheticChange() {
  const rand = rng(42);
  const contents = new Map<string, string>();
  const diff: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const kind = i === 0 ? "lock" : i === 1 ? "vendor" : i % 10 < 6 ? "lib" : i % 10 < 8 ? "test" : i % 10 < 9 ? "config" : "asset";
    const path =
      kind === "lock" ? "mix.lock"
      : kind === "vendor" ? "assets/vendor/topbar.js"
      : kind === "lib" ? `lib/app/context_${i}/module_${i}.ex`
      : kind === "test" ? `test/app/module_${i}_test.exs`
      : kind === "config" ? `config/part_${i}.exs`
      : `assets/js/hook_${i}.js`;
    const length = 40 + Math.floor(rand() * 360);
    const old = elixirFile(`Module${i}`, length, rand);
    const head = [...old];
    const hunks: string[] = [];
    const starts = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => 5 + Math.floor(rand() * (length - 20))))].sort((a, b) => a - b);
    let shift = 0;
    let lastEnd = 0;
    for (const start of starts) {
      if (start <= lastEnd + 3) continue;
      const removed = 1 + Math.floor(rand() * 3);
      const added = Array.from({ length: 2 + Math.floor(rand() * 12) }, (_, k) => `    value_${k} = Map.fetch!(params, :k${k})`);
      const ctxBefore = old.slice(start - 3, start);
      const dels = old.slice(start, start + removed);
      const ctxAfter = old.slice(start + removed, start + removed + 3);
      const oldStart = start - 2;
      const newStart = oldStart + shift;
      hunks.push(`@@ -${oldStart},${3 + removed + ctxAfter.length} +${newStart},${3 + added.length + ctxAfter.length} @@`);
      hunks.push(...ctxBefore.map((l) => ` ${l}`), ...dels.map((l) => `-${l}`), ...added.map((l) => `+${l}`), ...ctxAfter.map((l) => ` ${l}`));
      head.splice(start + shift, removed, ...added);
      shift += added.length - removed;
      lastEnd = start + removed + 3;
    }
    diff.push(`diff --git a/${path} b/${path}`, "index 1111111..2222222 100644", `--- a/${path}`, `+++ b/${path}`, ...hunks);
    contents.set(path, `${head.join("\n")}\n`);
  }
  return { files: parseUnifiedDiff(`${diff.join("\n")}\n`), contents };
}

function requestTokens(request: MessageCreateParamsNonStreaming): { total: number; prefix: number } {
  const system = (request.system as { text: string }[]).map((b) => b.text).join("\n");
  const prefix = estimateTokens(system) + estimateTokens(JSON.stringify(request.tools ?? []));
  const messages = request.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content))).join("\n");
  return { total: prefix + estimateTokens(messages), prefix };
}

async function measure(maxCalls: number) {
  const { files, contents } = syntheticChange();
  const requests: MessageCreateParamsNonStreaming[] = [];
  const stub = {
    createMessage: async (request: MessageCreateParamsNonStreaming) => {
      requests.push(request);
      const input = { hypotheses: [], checklist: [{ item: "documentation", status: "pass", evidence: "ok" }], comments: [], summary: "ok" };
      const message = { content: [{ type: "tool_use", id: "t", name: "submit_review", input }], stop_reason: "tool_use" };
      return { ok: true, message, usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, attempts: 1 };
    },
  } as unknown as ClaudeClient;
  const input: AgentInput = {
    pr: { title: "Synthetic change", body: "A 300-file change for the benchmark." },
    diff: files,
    readFile: async (path) => contents.get(path),
    toolchain: { ran: true, sandbox: "bubblewrap", steps: [] },
    analyzerFindings: [],
    config: AgentSchema.parse({ maxCalls }),
    settings: { anthropicApiKey: "sk-ant-bench", model: "claude-sonnet-5-5" },
    secrets: [],
    client: stub,
    log: silentLogger(),
  };
  await runAgent(input); // warm-up: file reads, checklist and prompt loading
  requests.length = 0;
  const times: number[] = [];
  let report = await runAgent(input);
  for (let i = 0; i < 7; i++) {
    requests.length = 0;
    const started = performance.now();
    report = await runAgent(input);
    times.push(performance.now() - started);
  }
  const ms = median(times);
  const perRequest = requests.slice(0, report.calls).map(requestTokens);
  const sent = perRequest.reduce((a, r) => a + r.total, 0);
  const cached = perRequest.reduce((a, r) => a + r.prefix, 0);
  const raw = estimateTokens(files.map(rawDiffText).join("\n"));
  return { ms, calls: report.calls, seen: report.filesSeen.length, notSeen: report.filesNotSeen.length, sent, cached, raw };
}

const fmt = (n: number) => n.toLocaleString("en-US");
const usd = (n: number) => `$${n.toFixed(3)}`;
const price = DEFAULT_PRICES["claude-sonnet-5-5"]!;
console.log(`agent bench: synthetic ${FILES}-file change (a lockfile and a vendored file are left out), inputTokenBudget 60,000`);
for (const maxCalls of [4, 2]) {
  const r = await measure(maxCalls);
  const fresh = r.sent - r.cached;
  // First review: the first request writes the prefix to the cache, the others read it. Re-review: all read.
  const first = (fresh * price.input + (r.cached / r.calls) * price.cacheWrite + (r.cached - r.cached / r.calls) * price.cacheRead) / 1e6;
  const again = (fresh * price.input + r.cached * price.cacheRead) / 1e6;
  console.log(`  agent.maxCalls ${maxCalls}: ${r.calls} requests, ${r.seen} files seen, ${r.notSeen} not seen`);
  console.log(`    prompt assembly          ${r.ms.toFixed(1)} ms per review (median of 7)`);
  console.log(`    estimated input tokens   ${fmt(r.sent)} sent vs ${fmt(r.raw)} for the whole raw diff (${((r.sent / r.raw) * 100).toFixed(0)} %; ${((fresh / r.raw) * 100).toFixed(0)} % without the stable prefix)`);
  console.log(`    cacheable on re-review   ${fmt(r.cached)} tokens = ${((r.cached / r.sent) * 100).toFixed(1)} % of input (role + checklist + tool schema, every request)`);
  console.log(`    input cost, Sonnet 5.5   ${usd(first)} first review, ${usd(again)} re-review within the cache lifetime (output not included)`);
}
