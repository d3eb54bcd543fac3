import type { ToolchainStageInput } from "../pipeline/stages.js";
import type { JobRequest } from "../pipeline/types.js";
import { runToolchain } from "./run.js";
import type { ToolchainReport } from "./types.js";

/** The pipeline's toolchain stage (`Stages.toolchain`). */
export function toolchainStage(input: ToolchainStageInput): Promise<ToolchainReport> {
  return runToolchain({
    workspace: input.workspace,
    openSandbox: (extra) => input.openSandbox(extra),
    config: input.config.toolchain,
    settings: input.settings,
    cacheScope: cacheScope(input.request),
    writeCache: input.cacheWritable,
    signal: input.signal,
    log: input.log,
    ...(input.onStep ? { onStep: input.onStep } : {}),
    ...(input.request.mode === "step" && input.request.step ? { only: input.request.step } : {}),
    ...(input.request.mode === "warm" ? { warm: true } : {}),
  });
}

/** Caches are per repository: `owner/name` (the base repository, also for fork PRs). */
export function cacheScope(request: Pick<JobRequest, "repo">): string {
  const { owner, name, cloneUrl } = request.repo;
  return owner && name ? `${owner}/${name}` : cloneUrl;
}
