import type { DiffFile } from "../workspace/types.js";
import type { Evidence } from "./evidence.js";
import type { RenderMode } from "./render-diff.js";
import { chooseMode, renderFile } from "./render-diff.js";
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
  tools: string[];
  hypotheses: string[];
  tokens: number;
  partial?: string;
}

/**
 * Splits the reviewable files (already in review order) into at most `maxCalls` chunks of at most
 * `perChunk` tokens each, file by file. A file too large for one chunk is shown with less context
 * (outline instead of the whole file), then with its first hunks only. Files that no chunk can
 * take are reported as not seen.
 */
export function planChunks(
  files: readonly DiffFile[],
  contents: ReadonlyMap<string, string | undefined>,
  evidence: Evidence,
  perChunk: number,
  maxCalls: number,
): Plan {
  const chunks: Chunk[] = [];
  const seen: string[] = [];
  const notSeen: Plan["notSeen"] = [];
  let current: Chunk | undefined;
  for (const file of files) {
    const unit = fitUnit(file, contents.get(file.path), evidence, perChunk);
    if (!unit) {
      notSeen.push({ path: file.path, reason: "a single hunk is larger than agent.inputTokenBudget" });
      continue;
    }
    if (current && current.tokens + unit.tokens > perChunk) current = undefined;
    if (!current && chunks.length < maxCalls) chunks.push((current = { paths: [], files: [], tools: [], hypotheses: [], tokens: 0 }));
    // Out of calls: the last chunk may still take a smaller file.
    const target = current ?? fitsIn(chunks[chunks.length - 1], unit, perChunk);
    if (!target) {
      notSeen.push({ path: file.path, reason: `over the review budget (agent.maxCalls ${maxCalls} × agent.inputTokenBudget)` });
      continue;
    }
    target.paths.push(unit.path);
    target.files.push(unit.text);
    target.tools.push(...unit.tools);
    target.hypotheses.push(...unit.hypotheses);
    target.tokens += unit.tokens;
    seen.push(unit.path);
    if (unit.partial) notSeen.push({ path: unit.path, reason: unit.partial });
  }
  return { chunks, seen, notSeen };
}

function fitsIn(chunk: Chunk | undefined, unit: Unit, perChunk: number): Chunk | undefined {
  return chunk && chunk.tokens + unit.tokens <= perChunk ? chunk : undefined;
}

function fitUnit(file: DiffFile, content: string | undefined, evidence: Evidence, perChunk: number): Unit | undefined {
  const tools = evidence.toolsByFile.get(file.path) ?? [];
  const hypotheses = evidence.hypothesesByFile.get(file.path) ?? [];
  const extra = estimateTokens([...tools, ...hypotheses].join("\n")) + WRAP_TOKENS;
  const make = (text: string, partial?: string): Unit => ({
    path: file.path,
    text,
    tools,
    hypotheses,
    tokens: estimateTokens(text) + extra,
    ...(partial ? { partial } : {}),
  });

  const modes: RenderMode[] = ["full", "hunks+outline", "hunks"];
  for (const mode of modes.slice(modes.indexOf(chooseMode(file, content)))) {
    const unit = make(renderFile(file, content, mode));
    if (unit.tokens <= perChunk) return unit;
  }
  // Still too large: the first rendered lines that fit (every row carries its own line number).
  const rows = renderFile(file, undefined, "hunks").split("\n");
  const room = perChunk - extra - 40;
  const kept: string[] = [];
  let used = 0;
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
