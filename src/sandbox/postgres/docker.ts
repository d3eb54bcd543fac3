import { setTimeout as sleep } from "node:timers/promises";
import { resolve } from "node:path";
import { dockerCli } from "../docker/cli.js";
import { jobTag } from "../docker/names.js";
import { probeDocker } from "../docker/probe.js";
import { postgresFailed } from "../errors.js";
import { loopbackEctoUrl, loopbackEnv } from "./env.js";
import { PG_USER, type PostgresOptions, type PostgresService } from "./types.js";

export const DEFAULT_POSTGRES_IMAGE = "postgres:15";

export interface DockerPostgresPlan {
  name: string;
  image: string;
  memoryBytes: number;
  processes: number;
}

/**
 * The sidecar: no network of its own (`none` gives it a private loopback), read-only root, data on
 * tmpfs, no capabilities, the image's unprivileged `postgres` user. Sandbox runs join its network
 * namespace (`--network container:<name>`), so `localhost:5432` works as in Phoenix's default
 * config while neither container reaches anything else.
 */
export function dockerPostgresRunArgs(plan: DockerPostgresPlan): string[] {
  return [
    "run", "--detach", "--rm", "--name", plan.name,
    "--network", "none",
    "--read-only",
    "--tmpfs", "/var/lib/postgresql/data:rw,mode=1777",
    "--tmpfs", "/var/run/postgresql:rw,mode=1777",
    "--tmpfs", "/tmp:rw,mode=1777",
    "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
    "--user", "postgres",
    "--pids-limit", String(plan.processes),
    "--memory", `${plan.memoryBytes}b`, "--memory-swap", `${plan.memoryBytes}b`,
    "--env", "POSTGRES_HOST_AUTH_METHOD=trust",
    "--env", "PGDATA=/var/lib/postgresql/data/pgdata",
    plan.image,
    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
  ];
}

export function dockerPostgresReadyArgs(name: string): string[] {
  return ["exec", name, "pg_isready", "-q", "-h", "127.0.0.1", "-U", PG_USER];
}

export function dockerPostgresRemoveArgs(name: string): string[] {
  return ["rm", "--force", name];
}

export async function startDockerPostgres(options: PostgresOptions): Promise<PostgresService> {
  if (options.signal?.aborted) throw postgresFailed("the job was aborted before the database started");
  const docker = await probeDocker(options.hostPath ?? process.env.PATH);
  const name = `${jobTag(resolve(options.jobDir))}-postgres`;
  const plan = { name, image: options.image ?? DEFAULT_POSTGRES_IMAGE, memoryBytes: options.memoryBytes ?? 1024 ** 3, processes: options.processes ?? 256 };
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= dockerCli(docker, dockerPostgresRemoveArgs(name)).then(() => undefined));
  options.signal?.addEventListener("abort", () => void stop(), { once: true });
  const started = await dockerCli(docker, dockerPostgresRunArgs(plan), options.startTimeoutMs ?? 300_000, options.signal);
  if (started.exitCode !== 0) {
    await stop();
    throw postgresFailed(`docker run ${plan.image}: ${started.stderr.text().trim().split("\n")[0] ?? "failed"}`);
  }
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline && !options.signal?.aborted) {
    if ((await dockerCli(docker, dockerPostgresReadyArgs(name), 10_000)).exitCode === 0) {
      return { env: loopbackEnv(), ectoUrl: loopbackEctoUrl(), bindPaths: [], dockerNetwork: `container:${name}`, stop };
    }
    await sleep(250);
  }
  await stop();
  throw postgresFailed("the PostgreSQL container did not become ready");
}
