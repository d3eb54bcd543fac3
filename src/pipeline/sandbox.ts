import type { Logger } from "../logger.js";
import { needsDatabase, openJobSandbox, type JobSandbox } from "../sandbox/index.js";
import type { Settings } from "../settings.js";
import type { SandboxRequest } from "./run.js";

/** What the toolchain asks for (SandboxRequest) plus what the job's runner knows. */
export interface OpenSandboxOptions extends SandboxRequest {
  settings: Settings;
  jobDir: string;
  /** `app`: PR code from anyone — `none` is refused. `cli`: the user's own repo (warned loudly). */
  mode: "app" | "cli";
  log: Logger;
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
