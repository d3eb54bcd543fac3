import type { Logger } from "../logger.js";
import { SandboxUnavailableError, type Sandbox } from "../sandbox/types.js";
import type { Settings } from "../settings.js";
import type { Workspace } from "../workspace/types.js";

export interface OpenSandboxOptions {
  settings: Settings;
  workspace: Workspace;
  jobDir: string;
  /** `app`: PR code from anyone — `none` is refused. `cli`: the user's own repo. */
  mode: "app" | "cli";
  signal: AbortSignal;
  log: Logger;
}

/** Opens the sandbox the operator chose for this job's PR code. */
export async function openSandbox(_options: OpenSandboxOptions): Promise<Sandbox> {
  throw new SandboxUnavailableError("the sandbox is not built yet in this version", "no fix available yet");
}
