import type { TestStatus } from "../types.js";

export interface StackFrame {
  file?: string;
  line?: number;
  module?: string;
  function?: string;
  text: string;
}

export interface TestFailure {
  kind: string;
  exception?: string;
  message: string;
  /** The failing line in the test file (absolute or relative as printed). */
  location?: { file: string; line: number };
  stacktrace: StackFrame[];
  expr?: string;
  left?: string;
  right?: string;
}

export interface ParsedTest {
  module: string;
  name: string;
  /** The test file as printed (ExUnit gives an absolute path). */
  file?: string;
  /** The line where the test is defined. */
  line?: number;
  status: TestStatus;
  testType?: string;
  timeUs?: number;
  reason?: string;
  failures: TestFailure[];
  /** The failure as ExUnit's CLI prints it, without colours. */
  formatted?: string;
  /** Directory the suite ran in (an umbrella child), as printed. */
  suiteCwd?: string;
  /** Umbrella child app from `==> app` (text output). */
  app?: string;
}

export interface ModuleFailure {
  module: string;
  file?: string;
  failures: TestFailure[];
  formatted?: string;
  suiteCwd?: string;
  app?: string;
}

export interface ParsedRun {
  tests: ParsedTest[];
  moduleFailures: ModuleFailure[];
  /** Suites started and finished (one per umbrella child). */
  suitesStarted: number;
  suitesFinished: number;
  seed?: number;
  maxFailuresReached: boolean;
  /** Messages from `formatter_error` events and unreadable lines. */
  problems: string[];
  /** Summary counts when only text was available: ExUnit's own totals. */
  summary?: { total: number; failures: number; skipped: number; excluded: number; invalid: number };
  /** Directories the suites ran in, as printed (roots for absolute paths). */
  cwds: string[];
}
