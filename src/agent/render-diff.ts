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
 * Small files are shown whole (hunks in place, the rest as context); larger ones show their hunks
 * plus an outline of the file's definitions.
 */

/** Files up to this estimate are shown whole. */
export const FULL_FILE_TOKENS = 1500;
const OUTLINE_MAX_LINES = 60;
const OUTLINE =
  /^\s*(?:defmodule|defp?|defmacrop?|defguardp?|defdelegate|defstruct|defexception|defimpl|defprotocol|use|import|alias|require|@behaviour|@impl|@spec|schema|embedded_schema|pipeline|plug|scope|live|socket|channel|object|field|query|mutation|subscription)\b/;

export type RenderMode = "full" | "hunks" | "hunks+outline";

export function renderFile(file: DiffFile, content: string | undefined, mode?: RenderMode): string {
  const chosen = mode ?? chooseMode(file, content);
  const header = `### ${file.path} (${describe(file)})`;
  if (file.status === "deleted") return `${header}\nThe file was deleted.`;
  const lines = content === undefined ? undefined : splitLines(content);
  const body =
    chosen === "full" && lines ? renderFull(file, lines) : renderHunks(file, chosen === "hunks+outline" ? lines : undefined);
  return sanitizeCode(`${header}\n${body}`);
}

export function chooseMode(file: DiffFile, content: string | undefined): RenderMode {
  if (content === undefined) return "hunks";
  if (file.status === "added" || estimateTokens(content) <= FULL_FILE_TOKENS) return "full";
  return fileKind(file.path) === "other" ? "hunks" : "hunks+outline";
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

function row(line: DiffLine): string {
  const number = line.newLine === undefined ? "" : String(line.newLine);
  const mark = line.kind === "add" ? "+" : line.kind === "del" ? "-" : " ";
  return `${number.padStart(6)} ${mark} ${line.text}`;
}

function contextRow(number: number, text: string): string {
  return `${String(number).padStart(6)}   ${text}`;
}

function renderHunks(file: DiffFile, lines: string[] | undefined): string {
  const out: string[] = [];
  if (lines) {
    const outline = lines.flatMap((text, i) => (OUTLINE.test(text) ? [contextRow(i + 1, text)] : []));
    if (outline.length) {
      out.push("Outline of the whole file (new side, not part of the change):");
      out.push(...outline.slice(0, OUTLINE_MAX_LINES));
      if (outline.length > OUTLINE_MAX_LINES) out.push(`… ${outline.length - OUTLINE_MAX_LINES} more definitions`);
      out.push("Changes:");
    }
  }
  for (const hunk of file.hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    out.push(...hunk.lines.map(row));
  }
  return out.join("\n");
}

/** The whole new file: hunks in place (with their deletions), everything else as numbered context. */
function renderFull(file: DiffFile, lines: string[]): string {
  const out: string[] = [];
  let next = 1;
  for (const hunk of file.hunks) {
    const first = firstNewLine(hunk);
    for (; next < first && next <= lines.length; next++) out.push(contextRow(next, lines[next - 1]!));
    out.push(...hunk.lines.map(row));
    next = Math.max(next, lastNewLine(hunk) + 1);
  }
  for (; next <= lines.length; next++) out.push(contextRow(next, lines[next - 1]!));
  return out.join("\n");
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
