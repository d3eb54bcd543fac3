import type { Config, StepId } from "../config/schema.js";
import type { RawFinding } from "../review/finding.js";
import type { Sandbox, SandboxBackendName } from "../sandbox/types.js";
import type { Logger } from "../logger.js";
import type { Settings } from "../settings.js";
import type { RepoPaths } from "./paths.js";
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
  /** Cache entries restored into the workspace and saved from it, e.g. `deps`, `build`, `plt`. */
  cache?: { restored: string[]; saved: string[] };
  steps: StepResult[];
}

/** What the version probe found inside the sandbox (see `agent/elixir/probe.exs`). */
export interface ToolVersions {
  elixir: string;
  /** Full OTP version, e.g. `25.2.3`. */
  otp: string;
  otpRelease: string;
  /** e.g. `x86_64-pc-linux-gnu`. */
  arch: string;
  /** e.g. `unix-linux`. */
  os: string;
  /** Library directories inside the sandbox (plain dialyzer needs them on its code path). */
  elixirLib?: string;
  loggerLib?: string;
}

/** A Mix application of the project: its directory (repo-relative, `.` for a single app) and ebin. */
export interface MixApp {
  app: string;
  path: string;
  /** Root-relative ebin directory, e.g. `_build/test/lib/demo/ebin`. */
  ebin?: string;
}

/** Facts one step learns and later steps use (filled in as the run goes). */
export interface ToolchainFacts {
  apps: MixApp[];
  /** The project has Hex dependencies (read from mix.exs/mix.lock before any project code ran). */
  usesHex: boolean;
  /** The core PLT prepared before any project code ran, or why there is none. */
  plt?: { path: string; cached: boolean; buildMs?: number } | { error: string };
}

export interface StepContext {
  workspace: Workspace;
  sandbox: Sandbox;
  config: Config["toolchain"];
  /** Host directory of `agent/elixir` (helpers injected with `elixir -r`, never copied into the repo). */
  helpersDir: string;
  /** Host directory (inside the workspace, recreated per run) for helper output: JSON, PLT copies. */
  outDir: string;
  /** Environment added to every run (MIX_ENV, MIX_HOME, HEX_HOME, DATABASE_URL …). */
  env: Record<string, string>;
  versions: ToolVersions;
  /** Maps whatever path a tool prints (absolute, app-relative, basename) to a repo-relative one. */
  paths: RepoPaths;
  facts: ToolchainFacts;
  /** Results of the steps that ran before this one. */
  previous: ReadonlyMap<StepId, StepResult>;
  /** Epoch milliseconds by which the step must be done (its timeout). */
  deadline: number;
  signal: AbortSignal;
  log: Logger;
}

/** A toolchain step plugin: one folder under `src/toolchain/<id>/`. */
export interface ToolStep {
  id: StepId;
  title: string;
  /** Steps that must have passed (or run with findings but not failed) for this one to run. */
  needs: readonly StepId[];
  /** Default wall-clock limit in seconds (config `timeoutSeconds` overrides it). */
  defaultTimeoutSeconds: number;
  /** Returns a reason to skip (tool not used…), or undefined to run. `enabled: false` is handled for every step. */
  skipReason?(ctx: StepContext): string | undefined;
  run(ctx: StepContext): Promise<StepResult>;
}

/** What the pipeline passes to `runToolchain`. */
export interface ToolchainInput {
  workspace: Workspace;
  /**
   * Opens the job's sandbox; the stage calls it once, after preparing its own directories in the
   * workspace, with the helpers directory to bind read-only. The pipeline disposes of it.
   */
  openSandbox(extra: { readOnlyPaths?: readonly string[] }): Promise<Sandbox>;
  config: Config["toolchain"];
  settings: Pick<Settings, "cacheDir" | "cacheMaxMb">;
  /** Identifies the repository (`owner/name`, or the path for the CLI): caches never cross it. */
  cacheScope: string;
  /** Only runs on the default branch write the shared cache; PR runs start from a copy. */
  writeCache: boolean;
  signal: AbortSignal;
  log: Logger;
  /** Called as each step finishes (check-run progress). */
  onStep?: (result: StepResult) => void;
  /** Extra environment for every run (names must be on the sandbox's allowlist). */
  env?: Readonly<Record<string, string>>;
  /** Re-run one step: only it and the steps it needs run, the others are skipped as not requested. */
  only?: StepId;
  /** A default-branch cache warm-up: runs `deps` and `compile` only (`only` is ignored) and also builds the core PLT. */
  warm?: boolean;
}
