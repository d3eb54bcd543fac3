import type { DiffFile, DiffLine, Hunk } from "../workspace/types.js";
import { fileKind } from "./files.js";
import { sanitizeCode } from "./sanitize.js";
import { estimateTokens } from "./tokens.js";

/**
 * A changed file as the model reads it, with new-side line numbers so it can cite real lines:
 *
 *     12 + added line          (commentable)
 *     13   unchanged line      (commentable when inside a hunk)
 *        - deleted line        (no new-side number: cannot be commented on)
 *
 * Views: `hunks` (the change only), `hunks+outline` (plus, for larger Elixir files, the module's
 * structure and the definition each hunk sits in) and `full` (the whole new file with the change
 * in place, for small files when the budget has room).
 */

/** Files up to this estimate may be shown whole. */
export const FULL_FILE_TOKENS = 1500;
/** Elixir files longer than this get an outline next to their hunks. */
const OUTLINE_MIN_LINES = 80;
/** Module structure: what the module is and which behaviours it implements. */
const STRUCTURE = /^\s*(?:defmodule|defprotocol|defimpl|use|@behaviour|schema|embedded_schema|pipeline)\b/;
const STRUCTURE_MAX_LINES = 12;
/** Definitions a hunk can sit in. */
const ENCLOSING = /^\s*(?:defp?|defmacrop?|defguardp?|defimpl|defmodule|describe|test|setup|object|field|query|mutation)\b/;

export type RenderMode = "full" | "hunks" | "hunks+outline";

export function renderFile(file: DiffFile, content: string | undefined, mode?: RenderMode): string {
  const chosen = mode ?? (content !== undefined && wholeFileFits(content) ? "full" : compactMode(file, content));
  const header = `### ${file.path} (${describe(file)})`;
  if (file.status === "deleted") return `${header}\nThe file was deleted.`;
  const lines = content === undefined ? undefined : splitLines(content);
  const width = String(Math.max(lines?.length ?? 0, ...file.hunks.map((h) => h.newStart + h.newLines))).length;
  const body =
    chosen === "full" && lines
      ? renderFull(file, lines, width)
      : renderHunks(file, chosen === "hunks+outline" ? lines : undefined, width);
  return sanitizeCode(`${header}\n${body}`);
}

/** The cheapest useful view: an added file is its hunk; a large Elixir file gets an outline. */
export function compactMode(file: DiffFile, content: string | undefined): RenderMode {
  if (content === undefined) return "hunks";
  if (file.status === "added") return "full";
  const long = content.split("\n").length > OUTLINE_MIN_LINES;
  return long && fileKind(file.path) !== "other" ? "hunks+outline" : "hunks";
}

export function wholeFileFits(content: string): boolean {
  return estimateTokens(content) <= FULL_FILE_TOKENS;
}

function describe(file: DiffFile): string {
  const rename = file.oldPath && file.oldPath !== file.path ? ` from ${file.oldPath}` : "";
  return `${file.status}${rename}, +${file.additions} -${file.deletions}, ${fileKind(file.path)}`;
}

function splitLines(content: string): string[] {
  const lines = content.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function row(line: DiffLine, width: number): string {
  const number = line.newLine === undefined ? "" : String(line.newLine);
  const mark = line.kind === "add" ? "+" : line.kind === "del" ? "-" : " ";
  return `${number.padStart(width)} ${mark} ${line.text}`;
}

function contextRow(number: number, text: string, width: number): string {
  return `${String(number).padStart(width)}   ${text}`;
}

function renderHunks(file: DiffFile, lines: string[] | undefined, width: number): string {
  const out: string[] = [];
  if (lines) {
    const outline = outlineRows(file, lines, width);
    if (outline.length) {
      out.push("Outline (new side, outside the change: module structure and the definitions the hunks sit in):");
      out.push(...outline, "Changes:");
    }
  }
  for (const hunk of file.hunks) {
    out.push(hunkHeader(hunk));
    out.push(...hunk.lines.map((line) => row(line, width)));
  }
  return out.join("\n");
}

function outlineRows(file: DiffFile, lines: string[], width: number): string[] {
  const inHunk = new Set(file.hunks.flatMap((h) => h.lines.flatMap((l) => (l.newLine === undefined ? [] : [l.newLine]))));
  const picked = new Set<number>();
  for (let i = 0; i < lines.length && picked.size < STRUCTURE_MAX_LINES; i++) if (STRUCTURE.test(lines[i]!)) picked.add(i + 1);
  for (const hunk of file.hunks) {
    for (let n = firstChangedLine(hunk) - 1; n >= 1; n--) {
      if (ENCLOSING.test(lines[n - 1] ?? "")) {
        picked.add(n);
        break;
      }
    }
  }
  return [...picked]
    .filter((n) => !inHunk.has(n))
    .sort((a, b) => a - b)
    .map((n) => contextRow(n, lines[n - 1]!, width));
}

/** The whole new file: hunks in place (with their deletions), everything else as numbered context. */
function renderFull(file: DiffFile, lines: string[], width: number): string {
  const out: string[] = [];
  let next = 1;
  for (const hunk of file.hunks) {
    const first = firstNewLine(hunk);
    for (; next < first && next <= lines.length; next++) out.push(contextRow(next, lines[next - 1]!, width));
    out.push(hunkHeader(hunk));
    out.push(...hunk.lines.map((line) => row(line, width)));
    out.push("@@ end of hunk @@");
    next = Math.max(next, lastNewLine(hunk) + 1);
  }
  for (; next <= lines.length; next++) out.push(contextRow(next, lines[next - 1]!, width));
  return out.join("\n");
}

/** New-side position of the first added or deleted line of a hunk. */
function firstChangedLine(hunk: Hunk): number {
  let last = hunk.newStart - 1;
  for (const line of hunk.lines) {
    if (line.kind !== "context") return line.newLine ?? last + 1;
    last = line.newLine ?? last;
  }
  return hunk.newStart;
}

function hunkHeader(hunk: Hunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ ${hunk.header}`.trimEnd();
}

function firstNewLine(hunk: Hunk): number {
  const line = hunk.lines.find((l) => l.newLine !== undefined);
  // A pure deletion (`+N,0`) sits after new line N.
  return line?.newLine ?? hunk.newStart + 1;
}

function lastNewLine(hunk: Hunk): number {
  for (let i = hunk.lines.length - 1; i >= 0; i--) {
    const n = hunk.lines[i]!.newLine;
    if (n !== undefined) return n;
  }
  return hunk.newStart;
}

/** The raw unified diff of a file (what "send the whole diff" would cost), for the benchmark. */
export function rawDiffText(file: DiffFile): string {
  const out = [`diff --git a/${file.oldPath ?? file.path} b/${file.path}`];
  for (const hunk of file.hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@ ${hunk.header}`);
    for (const line of hunk.lines) out.push(`${line.kind === "add" ? "+" : line.kind === "del" ? "-" : " "}${line.text}`);
  }
  return out.join("\n");
}
