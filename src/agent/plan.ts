import type { DiffFile } from "../workspace/types.js";
import type { Evidence } from "./evidence.js";
import { compactMode, renderFile, wholeFileFits } from "./render-diff.js";
import { estimateTokens } from "./tokens.js";

/** Tokens a data block's tags and a list separator add around each file. */
const WRAP_TOKENS = 30;

export interface Chunk {
  paths: string[];
  files: string[];
  tools: string[];
  hypotheses: string[];
  tokens: number;
}

export interface Plan {
  chunks: Chunk[];
  /** Files shown in some chunk (possibly in part). */
  seen: string[];
  /** Files not shown, or shown only in part, with the reason. */
  notSeen: { path: string; reason: string }[];
}

interface Unit {
  path: string;
  text: string;
  tokens: number;
  tools: string[];
  hypotheses: string[];
  /** The whole-file view, when the file is small enough to be worth showing whole. */
  whole?: () => string;
  partial?: string;
}

/**
 * Splits the reviewable files (already in review order) into at most `maxCalls` chunks of at most
 * `perChunk` tokens, file by file, packing the compact view of each file (hunks, plus an outline
 * for larger Elixir files). Room left in a chunk is then spent on context: small files are shown
 * whole, in review order. A file too large for one chunk is shown in part; files no chunk can
 * take are reported as not seen.
 */
export function planChunks(
  files: readonly DiffFile[],
  contents: ReadonlyMap<string, string | undefined>,
  evidence: Evidence,
  perChunk: number,
  maxCalls: number,
): Plan {
  const packs: { units: Unit[]; tokens: number }[] = [];
  const notSeen: Plan["notSeen"] = [];
  let current: (typeof packs)[number] | undefined;
  for (const file of files) {
    const unit = compactUnit(file, contents.get(file.path), evidence, perChunk);
    if (!unit) {
      notSeen.push({ path: file.path, reason: "too large for agent.inputTokenBudget even in part" });
      continue;
    }
    if (current && current.tokens + unit.tokens > perChunk) current = undefined;
    if (!current && packs.length < maxCalls) packs.push((current = { units: [], tokens: 0 }));
    // Out of calls: the last chunk may still take a smaller file.
    const last = packs[packs.length - 1];
    const target = current ?? (last && last.tokens + unit.tokens <= perChunk ? last : undefined);
    if (!target) {
      notSeen.push({ path: file.path, reason: `over the review budget (agent.maxCalls ${maxCalls} × agent.inputTokenBudget)` });
      continue;
    }
    target.units.push(unit);
    target.tokens += unit.tokens;
    if (unit.partial) notSeen.push({ path: unit.path, reason: unit.partial });
  }
  for (const pack of packs) spendRoomOnContext(pack, perChunk);
  const chunks = packs.map(({ units, tokens }) => ({
    paths: units.map((u) => u.path),
    files: units.map((u) => u.text),
    tools: units.flatMap((u) => u.tools),
    hypotheses: units.flatMap((u) => u.hypotheses),
    tokens,
  }));
  return { chunks, seen: chunks.flatMap((c) => c.paths), notSeen };
}

/**
 * Whole-file views for small files, in review order, while the chunk stays within the budget and
 * context adds at most half again (or 8,000 tokens) to what the change itself costs.
 */
function spendRoomOnContext(pack: { units: Unit[]; tokens: number }, perChunk: number): void {
  const limit = Math.min(perChunk, Math.max(Math.floor(pack.tokens * 1.5), pack.tokens + 8_000));
  for (const unit of pack.units) {
    if (!unit.whole) continue;
    const text = unit.whole();
    const extra = estimateTokens(text) - estimateTokens(unit.text);
    if (pack.tokens + extra > limit) continue;
    unit.text = text;
    unit.tokens += extra;
    pack.tokens += extra;
  }
}

function compactUnit(file: DiffFile, content: string | undefined, evidence: Evidence, perChunk: number): Unit | undefined {
  const tools = evidence.toolsByFile.get(file.path) ?? [];
  const hypotheses = evidence.hypothesesByFile.get(file.path) ?? [];
  const extra = estimateTokens([...tools, ...hypotheses].join("\n")) + WRAP_TOKENS;
  const make = (text: string, partial?: string): Unit => ({
    path: file.path,
    text,
    tokens: estimateTokens(text) + extra,
    tools,
    hypotheses,
    ...(partial ? { partial } : {}),
  });

  const mode = compactMode(file, content);
  const unit = make(renderFile(file, content, mode));
  if (mode !== "full" && content !== undefined && wholeFileFits(content)) unit.whole = () => renderFile(file, content, "full");
  if (unit.tokens <= perChunk) return unit;
  if (mode === "hunks+outline") {
    const plain = make(renderFile(file, content, "hunks"));
    if (plain.tokens <= perChunk) return plain;
  }
  return firstRowsThatFit(file, perChunk - extra, make);
}

/** A file larger than a chunk: its first rendered rows (each carries its own line number). */
function firstRowsThatFit(file: DiffFile, room: number, make: (text: string, partial?: string) => Unit): Unit | undefined {
  const rows = renderFile(file, undefined, "hunks").split("\n");
  const kept: string[] = [];
  let used = 40; // the note below
  for (const row of rows) {
    const cost = estimateTokens(row) + 1;
    if (used + cost > room) break;
    kept.push(row);
    used += cost;
  }
  if (kept.length < 2) return undefined;
  const isDiffRow = (r: string) => !r.startsWith("### ") && !r.startsWith("@@ ");
  const total = rows.filter(isDiffRow).length;
  const shown = kept.filter(isDiffRow).length;
  const note = `… the rest of this file's changes (${total - shown} more lines) is not shown: too large for one request`;
  return make(`${kept.join("\n")}\n${note}`, `partly shown: ${shown} of ${total} diff lines (too large for one request)`);
}
