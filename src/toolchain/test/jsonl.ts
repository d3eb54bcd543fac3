import type { TestStatus } from "../types.js";
import type { ModuleFailure, ParsedRun, ParsedTest, StackFrame, TestFailure } from "./model.js";

type Json = Record<string, unknown>;
const STATUSES: ReadonlySet<string> = new Set(["passed", "failed", "skipped", "excluded", "invalid"]);

/**
 * Reads the JSON Lines of `agent/elixir/ex_unit_json_formatter.exs`. Tolerates garbage and a
 * truncated last line (a killed run); several suites (umbrella children) may share the file.
 * Tests are deduplicated by file, line, name and parameters (the last record wins).
 */
export function parseExUnitJsonl(text: string): ParsedRun {
  const run: ParsedRun = { tests: [], moduleFailures: [], suitesStarted: 0, suitesFinished: 0, maxFailuresReached: false, problems: [], cwds: [] };
  const tests = new Map<string, ParsedTest>();
  let cwd: string | undefined;
  let garbage = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let event: Json;
    try {
      const parsed: unknown = JSON.parse(line);
      if (!isObject(parsed)) throw new Error("not an object");
      event = parsed;
    } catch {
      garbage++;
      continue;
    }
    switch (event.event) {
      case "suite_started":
        run.suitesStarted++;
        cwd = str(event.cwd);
        if (cwd && !run.cwds.includes(cwd)) run.cwds.push(cwd);
        if (typeof event.seed === "number") run.seed = event.seed;
        break;
      case "suite_finished":
        run.suitesFinished++;
        break;
      case "test_finished": {
        const test = toTest(event, cwd);
        if (test) tests.set(`${test.file ?? ""}\0${test.line ?? ""}\0${test.name}\0${str(event.parameters) ?? ""}`, test);
        break;
      }
      case "module_failed":
        run.moduleFailures.push(toModuleFailure(event, cwd));
        break;
      case "max_failures_reached":
        run.maxFailuresReached = true;
        break;
      case "formatter_error":
        run.problems.push(`JSON formatter error: ${str(event.message) ?? "unknown"}`);
        break;
      default:
        break;
    }
  }
  if (garbage > 0) run.problems.push(`${garbage} unreadable line${garbage === 1 ? "" : "s"} in the test results`);
  run.tests = [...tests.values()];
  return run;
}

function toTest(e: Json, cwd: string | undefined): ParsedTest | undefined {
  const name = str(e.name);
  const status = str(e.status);
  if (!name || !status || !STATUSES.has(status)) return undefined;
  const test: ParsedTest = {
    module: str(e.module) ?? "?",
    name,
    status: status as TestStatus,
    failures: Array.isArray(e.failures) ? e.failures.filter(isObject).map(toFailure) : [],
  };
  set(test, "file", str(e.file));
  set(test, "line", int(e.line));
  set(test, "testType", str(e.test_type));
  set(test, "timeUs", int(e.time_us));
  set(test, "reason", str(e.reason));
  set(test, "formatted", str(e.formatted));
  set(test, "suiteCwd", cwd);
  return test;
}

function toModuleFailure(e: Json, cwd: string | undefined): ModuleFailure {
  const failure: ModuleFailure = {
    module: str(e.module) ?? "?",
    failures: Array.isArray(e.failures) ? e.failures.filter(isObject).map(toFailure) : [],
  };
  set(failure, "file", str(e.file));
  set(failure, "formatted", str(e.formatted));
  set(failure, "suiteCwd", cwd);
  return failure;
}

function toFailure(f: Json): TestFailure {
  const failure: TestFailure = {
    kind: str(f.kind) ?? "error",
    message: str(f.message) ?? "",
    stacktrace: Array.isArray(f.stacktrace) ? f.stacktrace.filter(isObject).map(toFrame) : [],
  };
  set(failure, "exception", str(f.exception));
  set(failure, "expr", str(f.expr));
  set(failure, "left", str(f.left));
  set(failure, "right", str(f.right));
  if (isObject(f.location)) {
    const file = str(f.location.file);
    const line = int(f.location.line);
    if (file && line) failure.location = { file, line };
  }
  return failure;
}

function toFrame(f: Json): StackFrame {
  const frame: StackFrame = { text: str(f.text) ?? "" };
  set(frame, "file", str(f.file));
  set(frame, "line", int(f.line));
  set(frame, "module", str(f.module));
  set(frame, "function", str(f.function));
  return frame;
}

function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function int(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? Math.round(value) : undefined;
}
