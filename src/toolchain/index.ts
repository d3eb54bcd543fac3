/**
 * The toolchain stage: `toolchainStage` for the pipeline, `runToolchain` underneath. The stage
 * opens the sandbox itself (binding the Elixir helpers read-only) once its own directories exist.
 */
export { runToolchain } from "./run.js";
export { toolchainStage, cacheScope } from "./stage.js";
export { STEPS } from "./registry.js";
export { CREDO_SEVERITY } from "./credo/findings.js";
export { HELPERS_DIR, toolchainSandboxOptions } from "./helpers.js";
export type * from "./types.js";
