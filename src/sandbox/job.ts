import type { Logger } from "../logger.js";
import { createSandbox } from "./create.js";
import { startPostgres, type PostgresService } from "./postgres/index.js";
import { type BackendSetting, resolveBackend } from "./resolve.js";
import type { BackendSandbox, Limits, SandboxOptions } from "./types.js";

export interface JobSandboxOptions {
  /** ELIXIR_AGENT_SANDBOX. */
  setting: BackendSetting;
  /** `app` refuses `none` (unless `allowNone`); `cli` accepts it with a warning. */
  context: "app" | "cli";
  allowNone?: boolean;
  workspace: string;
  jobDir: string;
  signal?: AbortSignal;
  /** Start a disposable PostgreSQL (see `needsDatabase`). */
  database: boolean;
  image?: string;
  toolVersions?: SandboxOptions["toolVersions"];
  limits?: Partial<Limits>;
  readOnlyPaths?: readonly string[];
  writablePaths?: readonly string[];
  log?: Logger;
}

/** The job's sandbox plus what came with it; `dispose()` also stops the database. */
export interface JobSandbox extends BackendSandbox {
  /** Print it loudly when set (the `none` backend). */
  readonly warning?: string;
  readonly database?: PostgresService;
}

/** `toolchain.database` of the repo config: `auto` means "the project uses ecto_sql + postgrex". */
export function needsDatabase(setting: "auto" | "postgres" | "none", deps: { ectoSql: boolean; postgrex: boolean }): boolean {
  return setting === "postgres" || (setting === "auto" && deps.ectoSql && deps.postgrex);
}

/**
 * Everything the toolchain stage needs in one call: resolves the operator's backend (or throws the
 * SandboxUnavailableError to show), starts PostgreSQL when asked, creates the sandbox with it
 * attached. Aborting `signal` stops the database; `dispose()` releases all of it.
 */
export async function openJobSandbox(options: JobSandboxOptions): Promise<JobSandbox> {
  const resolved = await resolveBackend(options.setting, { context: options.context, ...(options.allowNone ? { allowNone: true } : {}) });
  if (resolved.warning) options.log?.warn({ backend: resolved.backend }, resolved.warning);
  const database = options.database
    ? await startPostgres({ jobDir: options.jobDir, backend: resolved.backend, ...(options.signal ? { signal: options.signal } : {}) })
    : undefined;
  let sandbox: BackendSandbox;
  try {
    sandbox = await createSandbox(resolved.backend, {
      workspace: options.workspace,
      jobDir: options.jobDir,
      ...(options.image ? { image: options.image } : {}),
      ...(options.toolVersions ? { toolVersions: options.toolVersions } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.readOnlyPaths ? { readOnlyPaths: options.readOnlyPaths } : {}),
      ...(options.writablePaths ? { writablePaths: options.writablePaths } : {}),
      ...(database ? { services: [database] } : {}),
    });
  } catch (error) {
    await database?.stop();
    throw error;
  }
  return {
    backend: sandbox.backend,
    enforcement: sandbox.enforcement,
    ...(resolved.warning ? { warning: resolved.warning } : {}),
    ...(database ? { database } : {}),
    run: (request) => sandbox.run(request),
    dispose: async () => {
      await sandbox.dispose();
      await database?.stop();
    },
  };
}
