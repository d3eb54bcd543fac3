import { probeBubblewrap } from "./bubblewrap/probe.js";
import { probeDocker } from "./docker/probe.js";
import { noneRefused } from "./errors.js";
import { SandboxUnavailableError, type SandboxBackendName } from "./types.js";
import { noneBackendWarning } from "./warning.js";

export type BackendSetting = "auto" | SandboxBackendName;

export interface ResolveOptions {
  /** `app` (GitHub mode) refuses `none` unless `allowNone`; `cli` accepts it with a warning. */
  context?: "app" | "cli";
  /** The operator's explicit second opt-in for `none` in the app. */
  allowNone?: boolean;
  /** PATH to look for bwrap/docker on (tests simulate a missing tool with it). */
  hostPath?: string;
  platform?: NodeJS.Platform;
}

export interface ResolvedBackend {
  backend: SandboxBackendName;
  /** Shown loudly (CLI output, check-run summary) when set: only for `none`. */
  warning?: string;
}

/**
 * Turns ELIXIR_AGENT_SANDBOX into a backend that works on this host, or throws the error a user
 * can act on. `auto`: bubblewrap on Linux when a real probe sandbox starts, else Docker when its
 * daemon answers; never `none`.
 */
export async function resolveBackend(setting: BackendSetting, options: ResolveOptions = {}): Promise<ResolvedBackend> {
  const platform = options.platform ?? process.platform;
  const hostPath = options.hostPath ?? process.env.PATH;
  switch (setting) {
    case "none":
      if ((options.context ?? "app") === "app" && !options.allowNone) throw noneRefused();
      return { backend: "none", warning: noneBackendWarning() };
    case "bubblewrap":
      await probeBubblewrap(hostPath, platform);
      return { backend: "bubblewrap" };
    case "docker":
      await probeDocker(hostPath);
      return { backend: "docker" };
    case "auto":
      return auto(hostPath, platform);
  }
}

async function auto(hostPath: string | undefined, platform: NodeJS.Platform): Promise<ResolvedBackend> {
  let bubblewrapError: SandboxUnavailableError | undefined;
  if (platform === "linux") {
    try {
      await probeBubblewrap(hostPath, platform);
      return { backend: "bubblewrap" };
    } catch (error) {
      if (!(error instanceof SandboxUnavailableError)) throw error;
      bubblewrapError = error;
    }
  }
  try {
    await probeDocker(hostPath);
    return { backend: "docker" };
  } catch (error) {
    // On Linux the bubblewrap problem is the one to fix; elsewhere Docker is the only choice.
    throw bubblewrapError ?? error;
  }
}
