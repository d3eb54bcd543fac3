import { startDockerPostgres } from "./docker.js";
import { startLocalPostgres } from "./local.js";
import type { PostgresOptions, PostgresService } from "./types.js";

/**
 * Starts a disposable PostgreSQL for a job, isolated like the job's sandbox (`backend`, default
 * bubblewrap). Attach it with `createSandbox(…, { services: [pg] })`; `stop()` (or aborting
 * `signal`) tears it down and deletes its data.
 */
export function startPostgres(options: PostgresOptions): Promise<PostgresService> {
  return options.backend === "docker" ? startDockerPostgres(options) : startLocalPostgres(options);
}

export type { PostgresOptions, PostgresService } from "./types.js";
export { DEFAULT_PG_BIN } from "./types.js";
