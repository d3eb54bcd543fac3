import type { SandboxBackendName, ServiceAttachment } from "../types.js";

/** A disposable PostgreSQL for one job. */
export interface PostgresService extends ServiceAttachment {
  /** `DATABASE_URL` (libpq form, works with psql), `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * The same database as an Ecto URL (`ecto://…?socket_dir=…` for a unix socket), for projects
   * whose repo config reads a URL: Ecto does not understand libpq's `?host=/dir`.
   */
  readonly ectoUrl: string;
  /** Stops the server and deletes its data. Idempotent; also runs when the job's signal aborts. */
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** The job's directory: the cluster lives in `<jobDir>/postgres` and is deleted on stop. */
  jobDir: string;
  /** Aborting it stops the server. */
  signal?: AbortSignal;
  /** How PostgreSQL itself is isolated (normally the same backend as the job's sandbox). */
  backend?: SandboxBackendName;
  /** Debian's server binaries (initdb, postgres, pg_isready). */
  binDir?: string;
  /** PATH to find bwrap/setpriv/prlimit/docker on. */
  hostPath?: string;
  /** Same as the sandbox's `uid` option when set there. */
  uid?: number;
  /** docker only. */
  image?: string;
  memoryBytes?: number;
  processes?: number;
  /** How long initdb + start-up may take. */
  startTimeoutMs?: number;
}

export const DEFAULT_PG_BIN = "/usr/lib/postgresql/15/bin";
export const PG_USER = "postgres";
export const PG_DATABASE = "postgres";
export const PG_PORT = 5432;
