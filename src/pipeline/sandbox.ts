import type { Config } from "../config/schema.js";
import type { Logger } from "../logger.js";
import { needsDatabase, openJobSandbox, type JobSandbox } from "../sandbox/index.js";
import type { Settings } from "../settings.js";
import type { Workspace } from "../workspace/types.js";

export interface OpenSandboxOptions {
  settings: Settings;
  config: Config;
  workspace: Workspace;
  jobDir: string;
  /** `app`: PR code from anyone — `none` is refused. `cli`: the user's own repo (warned loudly). */
  mode: "app" | "cli";
  signal: AbortSignal;
  log: Logger;
  /** Host paths visible read-only inside (e.g. agent/elixir helpers). */
  readOnlyPaths?: readonly string[];
  /** Host paths writable inside (e.g. the job's cache copy). */
  writablePaths?: readonly string[];
}

/**
 * Opens the sandbox the operator chose (ELIXIR_AGENT_SANDBOX) for this job's PR code, with a
 * disposable PostgreSQL when the project needs one. Throws SandboxUnavailableError (message + fix).
 */
export function openSandbox(options: OpenSandboxOptions): Promise<JobSandbox> {
  const { settings, config, workspace } = options;
  return openJobSandbox({
    setting: settings.sandbox,
    context: options.mode,
    workspace: workspace.root,
    jobDir: options.jobDir,
    signal: options.signal,
    database: needsDatabase(config.toolchain.database, workspace.project.deps),
    ...(settings.dockerImage ? { image: settings.dockerImage } : {}),
    ...(workspace.project.toolVersions ? { toolVersions: workspace.project.toolVersions } : {}),
    ...(options.readOnlyPaths ? { readOnlyPaths: options.readOnlyPaths } : {}),
    ...(options.writablePaths ? { writablePaths: options.writablePaths } : {}),
    log: options.log,
  });
}
