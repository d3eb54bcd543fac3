import type { MixApp } from "../types.js";
import { AGGREGATE, dedupe, dropAggregates, type CompileDiagnostic } from "./diagnostic.js";

/** What `agent/elixir/compile_task.exs` writes. */
export interface CompileReport {
  status: string;
  cwd?: string;
  apps: MixApp[];
  diagnostics: CompileDiagnostic[];
}

type Json = Record<string, unknown>;

/** Parses the helper's JSON; undefined when it is missing or not that shape. */
export function parseCompileJson(text: string | undefined): CompileReport | undefined {
  if (!text) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(data) || !Array.isArray(data.diagnostics)) return undefined;
  const diags = data.diagnostics.filter(isObject).map(toDiagnostic);
  const report: CompileReport = {
    status: str(data.status) ?? "unknown",
    apps: Array.isArray(data.apps) ? data.apps.filter(isObject).flatMap(toApp) : [],
    diagnostics: dedupe(dropAggregates(diags)),
  };
  const cwd = str(data.cwd);
  if (cwd) report.cwd = cwd;
  return report;
}

function toDiagnostic(d: Json): CompileDiagnostic {
  const raw = str(d.message) ?? "";
  const severity = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info";
  const { message, exception } = cleanMessage(raw);
  const diag: CompileDiagnostic = { severity, message, text: raw.replace(/\s+$/, "") };
  const file = str(d.file) ?? str(d.source);
  if (file) diag.file = file;
  if (exception) diag.exception = exception;
  setNum(diag, "line", d.line);
  setNum(diag, "column", d.column);
  setNum(diag, "endLine", d.end_line);
  setNum(diag, "endColumn", d.end_column);
  return diag;
}

/**
 * 1.14 prefixes errors with `** (CompileError) lib/a.ex:4: `; 1.16+ syntax errors carry the whole
 * boxed text (`** (SyntaxError) invalid syntax found on lib/a.ex:3:8:` / `error: …` / box).
 */
export function cleanMessage(raw: string): { message: string; exception?: string } {
  const text = raw.replace(/\s+$/, "");
  const head = /^\*\* \(([\w.]+)\) ([\s\S]*)$/.exec(text);
  if (!head) return { message: firstBlock(text) };
  const exception = head[1]!;
  let rest = head[2]!;
  const boxed = /^(?:invalid syntax found|token missing|mismatched delimiter found) on .+?:\d+(?::\d+)?:\n/.exec(rest);
  if (boxed) {
    const errorLine = /^\s*error: (.*)$/m.exec(rest.slice(boxed[0].length));
    return { message: errorLine ? errorLine[1]!.trim() : firstBlock(rest), exception };
  }
  if (!AGGREGATE.test(rest)) rest = rest.replace(/^.+?\.(?:exs?|eex|heex|leex|erl):\d+(?::\d+)?: /, "");
  return { message: firstBlock(rest), exception };
}

/** The message up to snippets (`  3 |`, `│`) or stack frames (`    (elixir 1.14.0) …`). */
function firstBlock(text: string): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (/^\s*(\d+\s*)?[|│]/.test(line) || /^\s+\(\S+ [\d.]+\) /.test(line) || /^\s*└─/.test(line)) break;
    out.push(line);
  }
  return out.join("\n").trim() || text.split("\n")[0]!.trim();
}

function toApp(a: Json): MixApp[] {
  const app = str(a.app);
  const path = str(a.path);
  if (!app || !path) return [];
  const ebin = str(a.ebin);
  return [ebin ? { app, path, ebin } : { app, path }];
}

function setNum(target: CompileDiagnostic, key: "line" | "column" | "endLine" | "endColumn", value: unknown): void {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) target[key] = value;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
