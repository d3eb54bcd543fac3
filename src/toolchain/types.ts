import type { Config, StepId } from "../config/schema.js";
import type { RawFinding } from "../review/finding.js";
import type { Sandbox, SandboxBackendName } from "../sandbox/types.js";
import type { Logger } from "../logger.js";
import type { Workspace } from "../workspace/types.js";

export type { StepId };

/**
 * `passed`/`failed`: the tool ran and judged the code. `skipped`: not applicable or switched off
 * (with the reason). `not_run`: the tool could not run (missing, crashed, timed out, dependencies
 * unavailable) — an infrastructure outcome, never a code failure.
 */
export type StepStatus = "passed" | "failed" | "skipped" | "not_run";

export type TestStatus = "passed" | "failed" | "skipped" | "excluded" | "invalid";

export interface TestCase {
  module: string;
  name: string;
  /** Repository-relative path of the test file. */
  file?: string;
  /** Line of the failing assertion (first stack frame in the test file), else the test's line. */
  line?: number;
  status: TestStatus;
  durationMs?: number;
  /** Failure message, ANSI-free, for failed/invalid tests. */
  failure?: string;
}

export interface TestReport {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  excluded: number;
  invalid: number;
  seed?: number;
  /** False when the run crashed or was killed before the suite finished. */
  completed: boolean;
  /** Failed and invalid tests (all of them); passing ones are only counted. */
  failures: TestCase[];
}

export interface ModuleCoverage {
  module: string;
  /** Repository-relative source path, when known. */
  path?: string;
  percent: number;
}

export interface CoverageReport {
  /** Total line coverage in percent. */
  total: number;
  threshold: number;
  modules: ModuleCoverage[];
}

export interface StepResult {
  id: StepId;
  status: StepStatus;
  /** Why it was skipped or not run; or a one-line outcome. */
  reason?: string;
  durationMs: number;
  findings: RawFinding[];
  /** Named counts shown in the summary, e.g. `{ errors: 1, warnings: 3 }`. */
  counts?: Record<string, number>;
  tests?: TestReport;
  coverage?: CoverageReport;
  /** The command line as shown to users, e.g. `mix test --cover`. */
  command?: string;
  /** The result came (partly) from a warm cache. */
  cached?: boolean;
}

export interface ToolchainReport {
  /** False when the toolchain stage did not run at all (no mix.exs, disabled, no sandbox …). */
  ran: boolean;
  reason?: string;
  sandbox: SandboxBackendName | null;
  versions?: { elixir?: string; otp?: string };
  /** A mismatch between installed versions and the project's requirement, explained. */
  versionWarning?: string;
  steps: StepResult[];
}

export interface StepContext {
  workspace: Workspace;
  sandbox: Sandbox;
  config: Config["toolchain"];
  /** Host directory of `agent/elixir` (helpers injected with `elixir -r`, never copied into the repo). */
  helpersDir: string;
  /** Environment added to every run (MIX_ENV, HOME-relative caches, DATABASE_URL …). */
  env: Record<string, string>;
  /** Results of the steps that ran before this one. */
  previous: ReadonlyMap<StepId, StepResult>;
  signal: AbortSignal;
  log: Logger;
}

/** A toolchain step plugin: one folder under `src/toolchain/<id>/`. */
export interface ToolStep {
  id: StepId;
  title: string;
  /** Steps that must not have failed or been skipped for this one to run. */
  needs: readonly StepId[];
  /** Returns a reason to skip (switched off, tool not used), or undefined to run. */
  skipReason?(ctx: StepContext): string | undefined;
  run(ctx: StepContext): Promise<StepResult>;
}
