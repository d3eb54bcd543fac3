import { agentStage } from "../agent/stage.js";
import { analyze } from "../analyzer/index.js";
import { toolchainStage } from "../toolchain/stage.js";
import type { AgentReport } from "../agent/types.js";
import type { AnalyzerReport } from "../analyzer/types.js";
import type { Config } from "../config/schema.js";
import type { Logger } from "../logger.js";
import type { RawFinding } from "../review/finding.js";
import type { Sandbox } from "../sandbox/types.js";
import type { Settings } from "../settings.js";
import type { StepResult, ToolchainReport } from "../toolchain/types.js";
import type { Workspace } from "../workspace/types.js";
import type { JobRequest } from "./types.js";

export interface ToolchainStageInput {
  workspace: Workspace;
  /** Opens the job's sandbox (call it after restoring caches: the workspace is handed to the sandbox's uid then). */
  openSandbox(extra?: { readOnlyPaths?: readonly string[]; writablePaths?: readonly string[] }): Promise<Sandbox>;
  config: Config;
  settings: Settings;
  /** Only trusted (default-branch) runs may write the shared cache. */
  cacheWritable: boolean;
  request: JobRequest;
  signal: AbortSignal;
  log: Logger;
  onStep?: (result: StepResult) => void;
}

export interface AnalyzerStageInput {
  workspace: Workspace;
  config: Config;
  signal: AbortSignal;
  log: Logger;
}

export interface AgentStageInput {
  request: JobRequest;
  workspace: Workspace;
  config: Config;
  settings: Settings;
  toolchain: ToolchainReport;
  analyzerFindings: readonly RawFinding[];
  secrets: readonly string[];
  signal: AbortSignal;
  log: Logger;
}

/** The analysis stages; the pipeline calls them in order. Tests may replace one to simulate a crash. */
export interface Stages {
  toolchain(input: ToolchainStageInput): Promise<ToolchainReport>;
  analyzer(input: AnalyzerStageInput): Promise<AnalyzerReport>;
  agent(input: AgentStageInput): Promise<AgentReport>;
}

export const defaultStages: Stages = {
  toolchain: toolchainStage,
  analyzer: ({ workspace, config, signal }) =>
    analyze({ root: workspace.root, diff: workspace.diff, config: config.analyzer, ignorePaths: config.review.ignorePaths, signal }),
  agent: agentStage,
};
