import { lines as splitLines } from "../text/ansi.js";

export interface DialyzerWarning {
  /** As printed: relative (`--fullpath` on Elixir beams gives the compile-time relative path) or a basename. */
  file: string;
  line: number;
  column?: number;
  /** dialyxir's warning name (`no_return`, `call` …), inferred from the text for plain dialyzer. */
  name: string;
  message: string;
}

const SHORT = /^(\S[^:]*?):(\d+)(?::(\d+))?:([a-z_]+) (.*)$/;
const GITHUB = /^::warning file=([^,]+),line=(\d+)(?:,col=(\d+))?,title=(\w+)::(.*)$/;
const PLAIN = /^(\S[^:]*?):(\d+)(?::(\d+))?: (.*)$/;

const LONG_HEADER = /^(\S[^:]*?):(\d+)(?::(\d+))?:([a-z_]+)$/;
const SEPARATOR = /^_{20,}$/;

/**
 * dialyxir `--format short` and `--format github` lines (they come on stderr); noise is ignored.
 * The default multi-line format (`file:line:name`, text, a line of underscores) is read too,
 * including the "Legacy warning:" fallback dialyxir prints when its pretty-printer crashes.
 */
export function parseDialyxir(output: string): DialyzerWarning[] {
  const out: DialyzerWarning[] = [];
  const lines = splitLines(output);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = GITHUB.exec(line) ?? SHORT.exec(line);
    if (m) {
      const w: DialyzerWarning = { file: m[1]!, line: Number(m[2]), name: m[4]!, message: m[5]!.trim() };
      if (m[3]) w.column = Number(m[3]);
      out.push(w);
      continue;
    }
    if (line === "Legacy warning:") {
      const legacy = parseDialyzer(lines[i + 1] ?? "")[0];
      if (legacy) out.push(legacy);
      i++;
      continue;
    }
    const header = LONG_HEADER.exec(line);
    if (!header) continue;
    const body: string[] = [];
    let legacy: DialyzerWarning | undefined;
    for (i++; i < lines.length && !SEPARATOR.test(lines[i]!); i++) {
      if (lines[i] === "Legacy warning:" && lines[i + 1]) legacy = parseDialyzer(lines[i + 1]!)[0];
      body.push(lines[i]!);
    }
    const w: DialyzerWarning = { file: header[1]!, line: Number(header[2]), name: header[4]!, message: legacy?.message ?? firstParagraph(body) };
    if (header[3]) w.column = Number(header[3]);
    out.push(w);
  }
  return dedupeWarnings(out);
}

function firstParagraph(lines: string[]): string {
  const start = lines.findIndex((l) => l.trim() !== "");
  if (start < 0) return "";
  const end = lines.findIndex((l, i) => i > start && l.trim() === "");
  return lines.slice(start, end < 0 ? undefined : end).join(" ").replace(/\s+/g, " ").trim();
}

/**
 * Erlang's `dialyzer` CLI. With `--fullpath --no_indentation` every warning is one line
 * `file:line[:col]: message`; without `--no_indentation` messages wrap onto indented lines,
 * which are joined back. "Unknown functions/types" sections and progress lines are skipped.
 */
export function parseDialyzer(output: string): DialyzerWarning[] {
  const out: DialyzerWarning[] = [];
  let inUnknown = false;
  for (const line of splitLines(output)) {
    if (/^Unknown (functions|types):/.test(line)) {
      inUnknown = true;
      continue;
    }
    if (inUnknown) {
      if (/^\s/.test(line) || line.trim() === "") continue;
      inUnknown = false;
    }
    const last = out[out.length - 1];
    if (last && /^\s+\S/.test(line) && !/^\s+(Proceeding|done in)/.test(line)) {
      last.message = `${last.message} ${line.trim()}`.replace(/\s+/g, " ");
      last.name = warningName(last.message);
      continue;
    }
    const m = PLAIN.exec(line);
    if (!m || /^(done|Checking|Compiling|Proceeding|Creating|Finding|Warning)\b/.test(m[1]!)) continue;
    const w: DialyzerWarning = { file: m[1]!, line: Number(m[2]), name: "", message: m[4]!.trim() };
    if (m[3]) w.column = Number(m[3]);
    w.name = warningName(w.message);
    out.push(w);
  }
  return dedupeWarnings(out);
}

const NAMES: [RegExp, string][] = [
  [/has no local return/, "no_return"],
  [/will never return since|will not succeed|breaks the contract|call .* will never return/, "call"],
  [/Invalid type specification|is not a subtype of|specification .* is not equal|The specification for .* has/, "invalid_contract"],
  [/can never match|Pattern .* can never match|The pattern .* can never match/, "pattern_match"],
  [/Guard test .* can never succeed/, "guard_fail"],
  [/but this value is unmatched|is unmatched/, "unmatched_return"],
  [/missing (types|from spec)|is missing types|might also return/, "missing_range"],
  [/has extra types|extra range/, "extra_range"],
  [/Function .* will never be called/, "unused_fun"],
  [/Overloaded contract/, "overlapping_contract"],
  [/Type specification .* is a subtype of the success typing/, "underspecs"],
  [/callback/i, "callback"],
];

function warningName(message: string): string {
  return NAMES.find(([re]) => re.test(message))?.[1] ?? "warning";
}

function dedupeWarnings(list: DialyzerWarning[]): DialyzerWarning[] {
  const seen = new Set<string>();
  return list.filter((w) => {
    const key = `${w.file}:${w.line}:${w.column ?? ""}:${w.name}:${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
