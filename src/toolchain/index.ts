/**
 * The toolchain stage. The pipeline calls `runToolchain` with a sandbox created with
 * `toolchainSandboxOptions()` merged into its options (the helpers must be visible inside).
 */
import type { SandboxOptions } from "../sandbox/types.js";
import { HELPERS_DIR } from "./helpers.js";

export { runToolchain } from "./run.js";
export { toolchainStage, cacheScope } from "./stage.js";
export { STEPS } from "./registry.js";
export { CREDO_SEVERITY } from "./credo/findings.js";
export { HELPERS_DIR } from "./helpers.js";
export type * from "./types.js";

/** What the sandbox must bind for the toolchain: `agent/elixir`, read-only, at the same path. */
export function toolchainSandboxOptions(): Pick<SandboxOptions, "readOnlyPaths"> {
  return { readOnlyPaths: [HELPERS_DIR] };
}
