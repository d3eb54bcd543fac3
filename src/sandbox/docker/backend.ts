import { resolve } from "node:path";
import { hostSecrets } from "../env.js";
import { sandboxStartFailed } from "../errors.js";
import { tmpBytes } from "../limits.js";
import { type PreparedJob, prepareJob, prepareRun } from "../prepare.js";
import { runProcess } from "../process/run.js";
import { toRunResult } from "../result.js";
import type { BackendSandbox, Enforcement, RunRequest, RunResult, Sandbox, SandboxOptions } from "../types.js";
import { dockerKillArgs, dockerNetworkCreateArgs, dockerNetworkRemoveArgs, dockerRunArgs } from "./args.js";
import { dockerCli, dockerCliEnv } from "./cli.js";
import { dockerImageFor } from "./image.js";
import { probeDocker } from "./probe.js";
import { jobTag } from "./names.js";

/** `docker run` exits 125 when the daemon could not create/start the container (bad image, no daemon …). */
const DOCKER_RUN_FAILED = 125;

export async function createDockerSandbox(options: SandboxOptions): Promise<BackendSandbox> {
  const docker = await probeDocker(options.hostPath ?? process.env.PATH);
  return new DockerSandbox(docker, options, await prepareJob(options));
}

class DockerSandbox implements Sandbox {
  readonly backend = "docker" as const;
  readonly enforcement: Enforcement;
  private readonly secrets = hostSecrets();
  private readonly tag: string;
  private counter = 0;
  private depsNetwork: Promise<string> | undefined;
  private disposed = false;

  constructor(
    private readonly docker: string,
    private readonly options: SandboxOptions,
    private readonly job: PreparedJob,
  ) {
    this.enforcement = { memory: "docker", processes: "docker", uid: job.identity.uid };
    this.tag = jobTag(resolve(options.jobDir));
  }

  async run(request: RunRequest): Promise<RunResult> {
    if (this.disposed) throw new Error("sandbox: run() after dispose()");
    const { workspace, gitDir, layout, identity } = this.job;
    const { cwd, limits, env } = prepareRun(this.options, request, { workspace, home: layout.home, secrets: this.secrets });
    const services = this.options.services ?? [];
    const network = request.network === "deps" ? await this.ensureDepsNetwork() : (services.find((s) => s.dockerNetwork)?.dockerNetwork ?? "none");
    const name = `${this.tag}-run-${++this.counter}`;
    const args = dockerRunArgs({
      name,
      image: dockerImageFor(this.options.toolVersions, this.options.image),
      network,
      uid: identity.uid,
      gid: identity.gid,
      limits,
      tmpBytes: tmpBytes(limits),
      workspace,
      ...(gitDir ? { gitDir } : {}),
      home: layout.home,
      readOnlyPaths: [...(this.options.readOnlyPaths ?? []), ...services.flatMap((s) => s.bindPaths)],
      writablePaths: this.options.writablePaths ?? [],
      cwd,
      env,
      command: request.command,
      args: request.args,
      ...(request.stdin !== undefined ? { interactive: true } : {}),
    });
    const outcome = await runProcess({
      argv: [this.docker, ...args],
      cwd: "/",
      env: dockerCliEnv(),
      ...(request.stdin !== undefined ? { stdin: request.stdin } : {}),
      wallMs: limits.wallMs,
      outputBytes: limits.outputBytes,
      ...(request.signal ? { signal: request.signal } : {}),
      onKill: async () => void (await dockerCli(this.docker, dockerKillArgs(name), 15_000)),
    });
    if (outcome.exitCode === DOCKER_RUN_FAILED && !outcome.timedOut && !outcome.aborted) {
      throw sandboxStartFailed("docker", outcome.stderr.text().trim().split("\n")[0] ?? "docker run failed");
    }
    return toRunResult(outcome, { decodeStatus: true });
  }

  private ensureDepsNetwork(): Promise<string> {
    this.depsNetwork ??= (async () => {
      const name = `${this.tag}-deps`;
      const created = await dockerCli(this.docker, dockerNetworkCreateArgs(name));
      if (created.exitCode !== 0) throw sandboxStartFailed("docker", created.stderr.text().trim() || "network create failed");
      return name;
    })();
    return this.depsNetwork;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.depsNetwork) {
      const name = await this.depsNetwork.catch(() => undefined);
      if (name) await dockerCli(this.docker, dockerNetworkRemoveArgs(name));
    }
  }
}
