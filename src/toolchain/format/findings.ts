import type { RawFinding } from "../../review/finding.js";
import { makeFinding } from "../findings.js";
import type { FormatHunk } from "./hunks.js";

/** Hunks up to this many lines on either side carry a committable suggestion. */
export const SMALL_HUNK_LINES = 15;
/** Per file, at most this many hunk findings; the rest are summed up in one. */
export const MAX_HUNKS_PER_FILE = 10;

/**
 * One finding per place `mix format` would change. A suggestion replaces lines `line..endLine`,
 * so a pure insertion is anchored on a neighbouring line and repeats it.
 */
export function formatFindings(path: string, hunks: readonly FormatHunk[], current: string | undefined): RawFinding[] {
  if (hunks.length === 0) return [fileFinding(path, "`mix format` would change this file.")];
  const lines = current?.split("\n");
  const out: RawFinding[] = [];
  for (const hunk of hunks.slice(0, MAX_HUNKS_PER_FILE)) out.push(hunkFinding(path, hunk, lines));
  if (hunks.length > MAX_HUNKS_PER_FILE) {
    out.push(fileFinding(path, `\`mix format\` would change ${hunks.length - MAX_HUNKS_PER_FILE} more places in this file.`));
  }
  return out;
}

function hunkFinding(path: string, hunk: FormatHunk, lines: string[] | undefined): RawFinding {
  let line = hunk.oldStart;
  let endLine = hunk.oldStart + hunk.oldLines.length - 1;
  let replacement = hunk.newLines;
  if (hunk.oldLines.length === 0) {
    // Insertion: anchor on the line before (or after, at the top) and keep it in the suggestion.
    const before = lines?.[hunk.oldStart - 2];
    const after = lines?.[hunk.oldStart - 1];
    if (hunk.oldStart > 1 && before !== undefined) {
      line = endLine = hunk.oldStart - 1;
      replacement = [before, ...hunk.newLines];
    } else if (after !== undefined) {
      line = endLine = hunk.oldStart;
      replacement = [...hunk.newLines, after];
    }
  }
  const small = hunk.oldLines.length <= SMALL_HUNK_LINES && hunk.newLines.length <= SMALL_HUNK_LINES;
  const span = endLine > line ? `lines ${line}–${endLine}` : `line ${line}`;
  const what =
    hunk.oldLines.length === 0
      ? `adds ${count(hunk.newLines.length, "line")}`
      : hunk.newLines.length === 0
        ? `removes ${count(hunk.oldLines.length, "line")}`
        : `rewrites ${count(hunk.oldLines.length, "line")}`;
  return makeFinding({
    source: "format",
    rule: "format/unformatted",
    checklistItem: "formatted",
    severity: "minor",
    title: `Not formatted: mix format ${what} at ${path}:${line}`,
    message:
      `\`mix format\` ${what} (${span}).` +
      (small ? "" : `\n\nFormatted:\n\n\`\`\`elixir\n${hunk.newLines.join("\n")}\n\`\`\``) +
      "\n\nRun `mix format` before committing.",
    path,
    line,
    endLine,
    evidence: [...hunk.oldLines.map((l) => `-${l}`), ...hunk.newLines.map((l) => `+${l}`)].join("\n"),
    suggestion: small ? replacement.join("\n") : undefined,
  });
}

function fileFinding(path: string, message: string): RawFinding {
  return makeFinding({
    source: "format",
    rule: "format/unformatted",
    checklistItem: "formatted",
    severity: "minor",
    title: `Not formatted: ${path}`,
    message: `${message} Run \`mix format\` before committing.`,
    path,
  });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
