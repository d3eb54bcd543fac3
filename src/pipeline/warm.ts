import type { ConfigResult } from "../config/load.js";
import type { Logger } from "../logger.js";
import type { Sandbox } from "../sandbox/types.js";
import type { Settings } from "../settings.js";
import type { ToolchainReport } from "../toolchain/types.js";
import type { Workspace } from "../workspace/types.js";
import { release, toolchainSkipReason, type SandboxRequest } from "./run.js";
import { defaultStages, type Stages } from "./stages.js";
import type { JobRequest } from "./types.js";

export interface WarmDeps {
  settings: Settings;
  log: Logger;
  loadConfig(): Promise<ConfigResult>;
  prepareWorkspace(signal: AbortSignal): Promise<Workspace>;
  openSandbox(request: SandboxRequest): Promise<Sandbox>;
  stages?: Partial<Pick<Stages, "toolchain">>;
}

/**
 * A push to the default branch: fetch the dependencies and compile (MIX_ENV as configured) in the
 * sandbox, build the core PLT, then store deps/ and _build/ in the repository's shared cache. Only these trusted runs
 * write that cache; pull-request reviews start from a copy of it. Posts nothing to GitHub.
 */
export async function warmCache(request: JobRequest, deps: WarmDeps, signal: AbortSignal): Promise<ToolchainReport | undefined> {
  const log = deps.log.child({ warm: `${request.repo.owner}/${request.repo.name}` });
  const config = await deps.loadConfig();
  if (!config.ok) {
    log.warn({ error: config.error }, "cache warm-up skipped: invalid configuration");
    return undefined;
  }
  const skipped = (reason: string): undefined => {
    log.info({ reason }, "cache warm-up skipped");
    return undefined;
  };
  // Checked before the clone too: a repository that switched the toolchain off costs nothing.
  const off = toolchainSkipReason(config.config);
  if (off) return skipped(off);
  const workspace = await deps.prepareWorkspace(signal);
  let sandbox: Sandbox | undefined;
  try {
    const skip = toolchainSkipReason(config.config, workspace.project);
    if (skip) return skipped(skip);
    workspace.seal();
    const toolchain = deps.stages?.toolchain ?? defaultStages.toolchain;
    const report = await toolchain({
      workspace,
      openSandbox: async (extra) => (sandbox = await deps.openSandbox({ workspace, config: config.config, signal, ...extra })),
      config: config.config,
      settings: deps.settings,
      cacheWritable: true,
      request,
      signal,
      log,
    });
    log.info({ steps: report.steps.map((s) => `${s.id}:${s.status}`) }, "cache warm-up finished");
    return report;
  } finally {
    await release(log, sandbox, workspace);
  }
}
