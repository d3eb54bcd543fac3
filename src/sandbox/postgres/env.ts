import { PG_DATABASE, PG_PORT, PG_USER } from "./types.js";

/** Connection settings for a server on a unix socket in `socketDir`. */
export function socketEnv(socketDir: string): Record<string, string> {
  return {
    DATABASE_URL: `postgresql://${PG_USER}@localhost:${PG_PORT}/${PG_DATABASE}?host=${encodeURIComponent(socketDir)}`,
    PGHOST: socketDir,
    PGPORT: String(PG_PORT),
    PGUSER: PG_USER,
    PGDATABASE: PG_DATABASE,
  };
}

export function socketEctoUrl(socketDir: string): string {
  return `ecto://${PG_USER}@localhost:${PG_PORT}/${PG_DATABASE}?socket_dir=${encodeURIComponent(socketDir)}`;
}

/** Connection settings for a server reachable on the sandbox's own loopback (docker sidecar). */
export function loopbackEnv(): Record<string, string> {
  return {
    DATABASE_URL: `postgresql://${PG_USER}@localhost:${PG_PORT}/${PG_DATABASE}`,
    PGHOST: "localhost",
    PGPORT: String(PG_PORT),
    PGUSER: PG_USER,
    PGDATABASE: PG_DATABASE,
  };
}

export function loopbackEctoUrl(): string {
  return `ecto://${PG_USER}@localhost:${PG_PORT}/${PG_DATABASE}`;
}
