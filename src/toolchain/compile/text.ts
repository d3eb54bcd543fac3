import { lines as splitLines } from "../text/ansi.js";
import { AGGREGATE, dedupe, dropAggregates, type CompileDiagnostic } from "./diagnostic.js";

const OLD_HEAD = /^(warning|error): (.*)$/;
const OLD_LOC = /^ {2}(?! )(\S.*?\.(?:exs?|eex|heex|leex|erl|hrl|yrl|xrl)):(\d+)(?::(\d+))?(?:: (.*))?$/;
const NEW_HEAD = /^ {4,}(warning|error): (.*)$/;
const NEW_LOC = /^\s*└─ (.+?):(\d+)(?::(\d+))?(?:: (.*))?$/;
const APP_HEADER = /^==> (\S+)$/;
const COMPILE_ERROR_IN = /^== Compilation error in file (.+) ==$/;
const EXCEPTION = /^\*\* \(([\w.]+)\) (.*)$/;
const NEW_EXC_LOC = /^(?:invalid syntax found|token missing|mismatched delimiter found) on (.+?):(\d+)(?::(\d+))?:$/;
const OLD_EXC_LOC = /^(.+?\.(?:exs?|eex|heex|leex|erl)):(\d+)(?::(\d+))?: (.*)$/;
const FRAME = /^ {4}(?!\()(\S+?\.(?:exs?|erl)):(\d+)(?::(\d+))?: /;
const WAE = /Compilation failed due to warnings while using the --warnings-as-errors option/;
const MAX_BLOCK = 400;

export interface CompileText {
  diagnostics: CompileDiagnostic[];
  /** "Compilation failed due to warnings while using the --warnings-as-errors option". */
  warningsAsErrorsFailed: boolean;
}

/**
 * Compiler output as text (the fallback when the diagnostics helper did not run): the 1.14/1.15
 * flat format, the 1.16+ boxed format with columns, `== Compilation error in file … ==` exception
 * blocks of every version, and `==> app` headers of umbrellas and dependencies.
 */
export function parseCompileText(output: string): CompileText {
  const lines = splitLines(output);
  const diags: CompileDiagnostic[] = [];
  let app: string | undefined;
  let errorFile: string | undefined;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    // Most lines are snippets, blanks or progress: only a few first characters can start anything.
    const c = line.charCodeAt(0);
    if (c !== 32 && c !== 61 && c !== 42 && c !== 119 && c !== 101) {
      i++;
      continue;
    }
    const header = APP_HEADER.exec(line);
    if (header) {
      app = header[1];
      i++;
      continue;
    }
    const inFile = COMPILE_ERROR_IN.exec(line);
    if (inFile) {
      errorFile = inFile[1];
      i++;
      continue;
    }
    const parsed = parseNew(lines, i) ?? parseOld(lines, i) ?? parseException(lines, i, errorFile);
    if (parsed) {
      if (app) parsed.diag.app = app;
      diags.push(parsed.diag);
      if (parsed.diag.exception) errorFile = undefined;
      i = parsed.next;
      continue;
    }
    i++;
  }
  return { diagnostics: dedupe(dropAggregates(diags)), warningsAsErrorsFailed: WAE.test(output) };
}

interface Parsed {
  diag: CompileDiagnostic;
  next: number;
}

/** 1.16+: `    warning: msg` … `    │` snippet … `    └─ lib/a.ex:6:5: Mod.fun/1`. */
function parseNew(lines: string[], start: number): Parsed | undefined {
  const head = NEW_HEAD.exec(lines[start]!);
  if (!head) return undefined;
  const message = [head[2]!];
  let inBox = false;
  for (let j = start + 1; j < lines.length && j - start < MAX_BLOCK; j++) {
    const line = lines[j]!;
    if (line.includes("│")) {
      const loc = line.includes("└─") ? NEW_LOC.exec(line) : null;
      if (loc) return { diag: located(head[1]!, message.join("\n"), lines.slice(start, j + 1).join("\n"), loc), next: j + 1 };
      inBox = true;
      continue;
    }
    const loc = line.includes("└─") ? NEW_LOC.exec(line) : null;
    if (loc) {
      const diag = located(head[1]!, message.join("\n"), lines.slice(start, j + 1).join("\n"), loc);
      return { diag, next: j + 1 };
    }
    if (NEW_HEAD.test(line) || line.startsWith("==") || line.startsWith("** (")) break;
    if (/^\s*\.\.\.\s*$/.test(line)) inBox = true;
    else if (!inBox) message.push(line.startsWith("    ") ? line.slice(4) : line);
  }
  // No location: keep the message, it still matters.
  return { diag: bare(head[1]!, message[0]!, lines[start]!.trim()), next: start + 1 };
}

/** 1.14/1.15: `warning: msg` (column 0), then `  lib/a.ex:6: Mod.fun/1`. */
function parseOld(lines: string[], start: number): Parsed | undefined {
  const head = OLD_HEAD.exec(lines[start]!);
  if (!head) return undefined;
  const message = [head[2]!];
  for (let j = start + 1; j < lines.length && j - start < MAX_BLOCK; j++) {
    const line = lines[j]!;
    const loc = OLD_LOC.exec(line);
    if (loc) {
      return { diag: located(head[1]!, message.join("\n"), lines.slice(start, j + 1).join("\n"), loc), next: j + 1 };
    }
    if (line.trim() === "" || OLD_HEAD.test(line) || APP_HEADER.test(line) || EXCEPTION.test(line)) break;
    message.push(line);
  }
  return { diag: bare(head[1]!, message.join("\n"), lines[start]!), next: start + 1 };
}

/** `** (CompileError) lib/a.ex:4: msg`, the 1.16+ boxed syntax errors, and raised exceptions. */
function parseException(lines: string[], start: number, errorFile: string | undefined): Parsed | undefined {
  const head = EXCEPTION.exec(lines[start]!);
  if (!head || head[1] === "Mix") return undefined;
  const exception = head[1]!;
  const rest = head[2]!;
  let end = start + 1;
  while (end < lines.length && end - start < MAX_BLOCK && /^(\s{2,}\S|\s*\d+\s*[|│]|\s*\.\.\.)/.test(lines[end]!)) end++;
  const block = lines.slice(start + 1, end);
  const text = lines.slice(start, end).join("\n");
  const diag: CompileDiagnostic = { severity: "error", message: rest, text, exception };

  const boxed = NEW_EXC_LOC.exec(rest);
  const old = OLD_EXC_LOC.exec(rest);
  if (boxed) {
    diag.file = boxed[1]!;
    setPosition(diag, boxed[2], boxed[3]);
    const errorLine = block.map((l) => /^\s*error: (.*)$/.exec(l)).find(Boolean);
    diag.message = errorLine ? errorLine[1]!.trim() : rest;
  } else if (AGGREGATE.test(rest)) {
    diag.file = AGGREGATE.exec(rest)![1]!;
  } else if (old) {
    diag.file = old[1]!;
    setPosition(diag, old[2], old[3]);
    diag.message = [old[4]!, ...block.filter((l) => !/^\s*(\d+\s*)?[|│]|^\s+\(\S+ [\d.]+\) /.test(l)).map((l) => l.trim())]
      .filter(Boolean)
      .join("\n");
  } else {
    // e.g. `** (KeyError) key :nope not found`: the first project stack frame locates it.
    const frame = block.map((l) => FRAME.exec(l)).find(Boolean);
    if (frame) {
      diag.file = frame[1]!;
      setPosition(diag, frame[2], frame[3]);
    } else if (errorFile) {
      diag.file = errorFile;
    }
  }
  if (!diag.file && errorFile) diag.file = errorFile;
  return { diag, next: end };
}

function located(severity: string, message: string, text: string, loc: RegExpExecArray): CompileDiagnostic {
  const diag: CompileDiagnostic = { severity: severity === "error" ? "error" : "warning", message: message.trim(), text, file: loc[1]! };
  setPosition(diag, loc[2], loc[3]);
  return diag;
}

function bare(severity: string, message: string, text: string): CompileDiagnostic {
  return { severity: severity === "error" ? "error" : "warning", message: message.trim(), text };
}

function setPosition(diag: CompileDiagnostic, line: string | undefined, column: string | undefined): void {
  if (line && Number(line) > 0) diag.line = Number(line);
  if (column && Number(column) > 0) diag.column = Number(column);
}
