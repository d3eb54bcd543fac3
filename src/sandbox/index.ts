/** The sandbox every toolchain step runs PR code through: see ./types.ts for the contract. */
export { createSandbox } from "./create.js";
export { openJobSandbox, needsDatabase, type JobSandbox, type JobSandboxOptions } from "./job.js";
export { resolveBackend, type BackendSetting, type ResolveOptions, type ResolvedBackend } from "./resolve.js";
export { sandboxEnv, isAllowedEnvName, SANDBOX_PATH, type SandboxEnvOptions } from "./env.js";
export { noneBackendWarning } from "./warning.js";
export { startPostgres, DEFAULT_PG_BIN, type PostgresOptions, type PostgresService } from "./postgres/index.js";
export { dockerImageFor, DEFAULT_DOCKER_IMAGE } from "./docker/image.js";
export * from "./types.js";
