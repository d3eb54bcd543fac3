import { lines as splitLines } from "../text/ansi.js";
import type { FormatHunk } from "./hunks.js";

export interface FormatCheck {
  /** `mix format --check-formatted` found unformatted files. */
  unformatted: boolean;
  /** Files as printed: relative on 1.14, absolute on 1.15+. */
  files: string[];
  /** 1.15+ prints a diff per file: its hunks, keyed like `files`. */
  hunks: Map<string, FormatHunk[]>;
  /** `mix format failed for file: lib/bad.ex` (the file does not parse). */
  unparseable?: { file: string; message: string; line?: number; column?: number };
}

const ROW = /^\s*(\d+)?(?: +(\d+))?\s*([-+])?\|(.*)$/;
const FILE_LIST_ITEM = /^ {2}\* (.+)$/;

/** Parses the output of `mix format --check-formatted` on Elixir 1.14 (file list) and 1.15+ (ANSI diffs). */
export function parseFormatCheck(output: string): FormatCheck {
  const lines = splitLines(output);
  const check: FormatCheck = { unformatted: /mix format failed due to --check-formatted/.test(output), files: [], hunks: new Map() };
  const bad = /^mix format failed for file: (.+)$/m.exec(lines.join("\n"));
  if (bad) {
    const file = bad[1]!.trim();
    const err = lines.find((l) => /^\*\* \(\w+Error\) /.test(l)) ?? "";
    const loc = /^\*\* \(\w+\) (?:.*? on )?\S+?:(\d+)(?::(\d+))?:? ?(.*)$/.exec(err);
    check.unparseable = { file, message: (loc?.[3] || err.replace(/^\*\* /, "")).trim() || "the file could not be parsed" };
    if (loc?.[1]) check.unparseable.line = Number(loc[1]);
    if (loc?.[2]) check.unparseable.column = Number(loc[2]);
  }
  if (!check.unformatted) return check;
  const start = lines.findIndex((l) => l.startsWith("The following files are not formatted"));
  let file: string | undefined;
  let rows: string[] = [];
  const flush = () => {
    if (file) check.hunks.set(file, rowsToHunks(rows));
    rows = [];
  };
  for (const line of lines.slice(start + 1)) {
    const item = FILE_LIST_ITEM.exec(line);
    if (item) {
      check.files.push(item[1]!.trim());
      continue;
    }
    if (ROW.test(line) && file) {
      rows.push(line);
      continue;
    }
    const path = line.trim();
    if (path && !path.includes("|") && /\.[\w]+$/.test(path) && !path.startsWith("**")) {
      flush();
      file = path;
      check.files.push(path);
    }
  }
  flush();
  return check;
}

/** Rows `OLD NEW |text` (`-|` old only, `+|` new only) into hunks over the old file. */
function rowsToHunks(rows: string[]): FormatHunk[] {
  const hunks: FormatHunk[] = [];
  let current: FormatHunk | undefined;
  let lastOld = 0;
  for (const row of rows) {
    const m = ROW.exec(row)!;
    const marker = m[3];
    const text = m[4]!;
    if (!marker) {
      if (current) hunks.push(current);
      current = undefined;
      if (m[1]) lastOld = Number(m[1]);
      continue;
    }
    if (marker === "-") {
      const old = Number(m[1]);
      current ??= { oldStart: old, oldLines: [], newLines: [] };
      current.oldLines.push(text);
      lastOld = old;
    } else {
      current ??= { oldStart: lastOld + 1, oldLines: [], newLines: [] };
      current.newLines.push(text);
    }
  }
  if (current) hunks.push(current);
  return hunks;
}
