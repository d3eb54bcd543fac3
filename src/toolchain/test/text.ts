import { lines as splitLines } from "../text/ansi.js";
import type { ModuleFailure, ParsedRun, ParsedTest, StackFrame, TestFailure } from "./model.js";

const HEADER = /^ {2}(\d+)\) (\w+) (.+) \(([\w.]+)\)$/;
const SETUP_ALL = /^ {2}(\d+)\) ([\w.]+): failure on setup_all callback, all tests have been invalidated$/;
/** The test's file and line, right under the header (body lines have lost their 5-space indent). */
const LOCATION = /^(\S.*?):(\d+)$/;
const FRAME = /^(?:\(\S+ [^)]*\) )?(\S+?):(\d+): (.*)$/;
const APP_HEADER = /^==> (\S+)$/;
const SUMMARY = /^((?:\d+ [\w ]+?, )*)(\d+) failures?((?:, \d+ (?:excluded|invalid|skipped))*)$/;
const SEED = /^(?:Randomized with seed|Running ExUnit with seed:) (\d+)/;
const SECTION = /^(code|left|right|doctest|stacktrace|hint|assertion|arguments|body|test|value|match \(=\)|pattern):/;

/**
 * ExUnit's CLI output, for when the JSON formatter wrote nothing (for example a formatter that
 * failed to load). Knows failures (`  1) test name (Module)` blocks and their stack traces),
 * setup_all failures, summary lines (summed over umbrella children) and the seed.
 */
export function parseExUnitText(output: string): ParsedRun {
  const lines = splitLines(output);
  const run: ParsedRun = { tests: [], moduleFailures: [], suitesStarted: 0, suitesFinished: 0, maxFailuresReached: false, problems: [], cwds: [] };
  let app: string | undefined;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    // Cheap checks first: this loop sees every line of outputs that can be megabytes long.
    const numbered = line.charCodeAt(0) === 32 && line.charCodeAt(1) === 32 && isDigit(line.charCodeAt(2));
    if (!numbered) {
      const header = line.startsWith("==> ") ? APP_HEADER.exec(line) : null;
      if (header) app = header[1];
      const seed = line.includes("seed") ? SEED.exec(line) : null;
      if (seed) run.seed = Number(seed[1]);
      const summary = line.includes(" failure") ? SUMMARY.exec(line) : null;
      if (summary) addSummary(run, summary);
      i++;
      continue;
    }
    const test = HEADER.exec(line);
    const setupAll = test ? undefined : SETUP_ALL.exec(line);
    if (!test && !setupAll) {
      i++;
      continue;
    }
    const end = blockEnd(lines, i + 1);
    const body = lines.slice(i + 1, end).map((l) => (l.startsWith("     ") ? l.slice(5) : l));
    const formatted = lines.slice(i, end).join("\n");
    if (test) run.tests.push(toTest(test, body, formatted, app));
    else run.moduleFailures.push(toModuleFailure(setupAll!, body, formatted, app));
    i = end;
  }
  if (run.summary) {
    run.suitesStarted = run.suitesFinished = 1;
  }
  return run;
}

/** A block is its indented lines; blank lines inside are kept until an unindented line. */
function blockEnd(lines: string[], from: number): number {
  let end = from;
  let lastContent = from;
  while (end < lines.length) {
    const line = lines[end]!;
    if (line.startsWith("     ")) lastContent = end + 1;
    else if (line.trim() !== "") break;
    end++;
  }
  return lastContent;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function toTest(m: RegExpExecArray, body: string[], formatted: string, app: string | undefined): ParsedTest {
  let rest = body;
  const test: ParsedTest = { module: m[4]!, name: `${m[2]} ${m[3]}`, status: "failed", testType: m[2]!, failures: [], formatted };
  const loc = body.length > 0 ? LOCATION.exec(body[0]!) : null;
  if (loc) {
    test.file = loc[1]!;
    test.line = Number(loc[2]);
    rest = body.slice(1);
  }
  test.failures.push(toFailure(rest, test.file));
  if (app) test.app = app;
  return test;
}

function toModuleFailure(m: RegExpExecArray, body: string[], formatted: string, app: string | undefined): ModuleFailure {
  const failure = toFailure(body, undefined);
  const frame = failure.stacktrace.find((f) => f.file && /(^|\/)test\//.test(f.file));
  const result: ModuleFailure = { module: m[2]!, failures: [failure], formatted };
  if (frame?.file) {
    result.file = frame.file;
    failure.location = { file: frame.file, line: frame.line ?? 0 };
  }
  if (app) result.app = app;
  return result;
}

function toFailure(body: string[], testFile: string | undefined): TestFailure {
  const message: string[] = [];
  const frames: StackFrame[] = [];
  let section: string | undefined;
  for (const raw of body) {
    const line = raw.trimEnd();
    const sec = line.charCodeAt(0) > 32 && line.includes(":") ? SECTION.exec(line) : null;
    if (sec) section = sec[1];
    else if (section === "stacktrace" && line.startsWith("  ")) frames.push(toFrame(line.trim()));
    else if (section === undefined) message.push(line);
  }
  const text = message.join("\n").trim();
  const exception = /^\*\* \(([\w.]+)\)/.exec(text);
  const failure: TestFailure = {
    kind: /^\*\* \(EXIT/.test(text) ? "EXIT" : "error",
    message: exception ? text.replace(/^\*\* \([\w.]+\) /, "") : text,
    stacktrace: frames,
  };
  if (exception && exception[1] !== "EXIT") failure.exception = exception[1]!;
  const relFile = testFile?.replace(/^.*?(?=test\/)/, "");
  const at = frames.find((f) => f.file && f.line && relFile && (f.file === relFile || testFile === f.file || testFile?.endsWith(`/${f.file}`)));
  if (at?.file && at.line) failure.location = { file: at.file, line: at.line };
  return failure;
}

function toFrame(text: string): StackFrame {
  const m = FRAME.exec(text);
  if (!m) return { text };
  return { file: m[1]!, line: Number(m[2]), text };
}

function addSummary(run: ParsedRun, m: RegExpExecArray): void {
  const total = [...m[1]!.matchAll(/(\d+) [\w ]+?, /g)].reduce((sum, x) => sum + Number(x[1]), 0);
  const extra = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(m[3]!)?.[1] ?? 0);
  const prev = run.summary ?? { total: 0, failures: 0, skipped: 0, excluded: 0, invalid: 0 };
  run.summary = {
    total: prev.total + total,
    failures: prev.failures + Number(m[2]),
    skipped: prev.skipped + extra("skipped"),
    excluded: prev.excluded + extra("excluded"),
    invalid: prev.invalid + extra("invalid"),
  };
}
