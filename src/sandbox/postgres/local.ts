import { access, chmod, mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { bwrapArgs } from "../bubblewrap/args.js";
import { type BwrapHost, probeBubblewrap } from "../bubblewrap/probe.js";
import { detectCgroups } from "../cgroup/detect.js";
import { RunCgroup } from "../cgroup/group.js";
import { SANDBOX_PATH } from "../env.js";
import { postgresFailed, postgresMissing } from "../errors.js";
import { sandboxIdentity } from "../identity.js";
import { type JobLayout, prepareJobLayout } from "../layout.js";
import { launcherArgv } from "../launcher.js";
import { launcherTools } from "../tools.js";
import { chownTree } from "../own.js";
import { type ProcessOutcome, runProcess } from "../process/run.js";
import { DEFAULT_LIMITS } from "../types.js";
import { socketEctoUrl, socketEnv } from "./env.js";
import { DEFAULT_PG_BIN, PG_PORT, PG_USER, type PostgresOptions, type PostgresService } from "./types.js";

const DAY_MS = 24 * 3600_000;
const NOBODY = 65534;
/** sun_path is 108 bytes; the socket file name adds 14. */
const MAX_SOCKET_DIR = 92;

/**
 * A throwaway cluster (initdb + postgres from Debian's package) on a unix socket inside the job
 * directory, run as the sandbox uid (PostgreSQL refuses root). With bubblewrap the server itself is
 * sandboxed too — no network, only its own directory writable — because a superuser connection
 * can run programs on the server (`COPY … TO PROGRAM`).
 */
export async function startLocalPostgres(options: PostgresOptions): Promise<PostgresService> {
  if (options.signal?.aborted) throw postgresFailed("the job was aborted before the database started");
  const binDir = options.binDir ?? DEFAULT_PG_BIN;
  const missing: string[] = [];
  for (const name of ["initdb", "postgres", "pg_isready"]) {
    await access(join(binDir, name)).catch(() => missing.push(name));
  }
  if (missing.length > 0) throw postgresMissing(binDir, missing);

  const hostPath = options.hostPath ?? process.env.PATH;
  const sandboxed = options.backend !== "none";
  const bwrapHost = sandboxed ? await probeBubblewrap(hostPath) : undefined;
  const jobDir = resolve(options.jobDir);
  // Unsandboxed, initdb needs a passwd entry for its uid: a root app uses `nobody` then.
  const identity = sandboxIdentity(jobDir, options.uid ?? (sandboxed ? undefined : NOBODY));
  const tools = bwrapHost?.tools ?? launcherTools(hostPath);
  const layout = await prepareJobLayout(jobDir, identity);
  const root = join(jobDir, "postgres");
  const data = join(root, "data");
  const socket = join(root, "socket");
  if (socket.length > MAX_SOCKET_DIR) throw postgresFailed(`the socket path ${socket} is too long for a unix socket; use a shorter ELIXIR_AGENT_WORK_DIR`);
  await mkdir(data, { recursive: true });
  await mkdir(socket, { recursive: true });
  await chmod(data, 0o700);
  await chownTree(root, identity);

  const homes = await detectCgroups();
  const group = RunCgroup.create(homes, { memoryBytes: options.memoryBytes ?? 1024 ** 3, processes: options.processes ?? 256 });
  const command = (argv: string[]) =>
    launcherArgv(
      // RLIMIT_NPROC counts every process of the uid, the job's sandbox runs included.
      { tools, cgroupProcs: group?.procsFiles ?? [], rlimits: { processes: (options.processes ?? 256) + DEFAULT_LIMITS.processes }, identity, commandDiesWithParent: sandboxed },
      bwrapHost ? serverSandbox(bwrapHost, layout, root, argv) : argv,
    );
  const env = bwrapHost ? {} : { PATH: SANDBOX_PATH, LANG: "C.UTF-8", HOME: layout.home };
  const stopper = new AbortController();
  let server: Promise<ProcessOutcome> | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      stopper.abort();
      await server?.catch(() => undefined);
      await group?.remove().catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    })());
  options.signal?.addEventListener("abort", () => void stop(), { once: true });

  try {
    const init = await runProcess({
      argv: command([join(binDir, "initdb"), "-D", data, "-U", PG_USER, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]),
      cwd: "/",
      env,
      wallMs: options.startTimeoutMs ?? 120_000,
      outputBytes: 256 * 1024,
      signal: stopper.signal,
    });
    if (init.exitCode !== 0) throw postgresFailed(`initdb: ${lastLines(init)}`);
    const serverArgs = ["-D", data, "-k", socket, "-p", String(PG_PORT), "-c", "listen_addresses=", "-c", "fsync=off"];
    serverArgs.push("-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "logging_collector=on", "-c", "max_connections=200");
    server = runProcess({ argv: command([join(binDir, "postgres"), ...serverArgs]), cwd: "/", env, wallMs: DAY_MS, outputBytes: 1024 ** 2, signal: stopper.signal });
    await waitReady(binDir, socket, server, options.startTimeoutMs ?? 60_000, stopper.signal);
  } catch (error) {
    await stop();
    throw error;
  }
  return { env: socketEnv(socket), ectoUrl: socketEctoUrl(socket), bindPaths: [socket], stop };
}

function serverSandbox(host: BwrapHost, layout: JobLayout, root: string, argv: string[]): string[] {
  return bwrapArgs({
    bwrap: host.bwrap,
    network: "none",
    rootLinks: host.rootLinks,
    rootDirs: host.rootDirs,
    etcFiles: layout.etcFiles,
    workspace: root,
    home: layout.home,
    tmpBytes: 256 * 1024 ** 2,
    readOnlyPaths: [],
    writablePaths: [],
    cwd: root,
    env: { PATH: SANDBOX_PATH, LANG: "C.UTF-8", HOME: layout.home },
    command: argv,
  });
}

async function waitReady(binDir: string, socket: string, server: Promise<ProcessOutcome>, timeoutMs: number, signal: AbortSignal): Promise<void> {
  let exited: ProcessOutcome | undefined;
  void server.then((outcome) => (exited = outcome));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal.aborted) {
    if (exited) throw postgresFailed(`the server exited during start-up: ${lastLines(exited)}`);
    const probe = await runProcess({
      argv: [join(binDir, "pg_isready"), "-q", "-h", socket, "-p", String(PG_PORT), "-U", PG_USER],
      cwd: "/",
      env: {},
      wallMs: 5_000,
      outputBytes: 4096,
    });
    if (probe.exitCode === 0) return;
    await sleep(50);
  }
  throw postgresFailed(signal.aborted ? "aborted during start-up" : `not ready after ${Math.round(timeoutMs / 1000)} s`);
}

function lastLines(outcome: ProcessOutcome): string {
  const text = `${outcome.stderr.text()}\n${outcome.stdout.text()}`.trim();
  return text.split("\n").slice(-3).join(" / ").slice(0, 500) || `exit ${outcome.exitCode ?? outcome.signal}`;
}
