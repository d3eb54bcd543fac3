import { lstat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { assertNoSecrets, hostSecrets, sandboxEnv } from "../env.js";
import { sandboxStartFailed } from "../errors.js";
import { type SandboxIdentity, sandboxIdentity } from "../identity.js";
import { type JobLayout, prepareJobLayout } from "../layout.js";
import { resolveLimits, tmpBytes } from "../limits.js";
import { chownTree } from "../own.js";
import { assertCwd } from "../paths.js";
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
  const identity = sandboxIdentity(resolve(options.jobDir), options.uid);
  const layout = await prepareJobLayout(resolve(options.jobDir), identity);
  const workspace = resolve(options.workspace);
  const gitDir = join(workspace, ".git");
  const hasGit = await lstat(gitDir).then((info) => !info.isSymbolicLink(), () => false);
  await chownTree(workspace, identity, hasGit ? [gitDir] : []);
  for (const path of options.writablePaths ?? []) await chownTree(path, identity);
  return new DockerSandbox(docker, options, identity, layout, hasGit ? gitDir : undefined);
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
    private readonly identity: SandboxIdentity,
    private readonly layout: JobLayout,
    private readonly gitDir: string | undefined,
  ) {
    this.enforcement = { memory: "docker", processes: "docker", uid: identity.uid };
    this.tag = jobTag(resolve(options.jobDir));
  }

  async run(request: RunRequest): Promise<RunResult> {
    if (this.disposed) throw new Error("sandbox: run() after dispose()");
    const workspace = resolve(this.options.workspace);
    const cwd = assertCwd(request.cwd, [workspace, ...(this.options.writablePaths ?? [])]);
    const limits = resolveLimits(this.options.limits, request.limits);
    const services = this.options.services ?? [];
    const serviceEnv = Object.assign({}, ...services.map((s) => s.env)) as Record<string, string>;
    const env = sandboxEnv({ home: this.layout.home, extra: { ...serviceEnv, ...request.env } });
    assertNoSecrets([...Object.values(env), request.command, ...request.args, request.stdin ?? ""], this.secrets);
    const network = request.network === "deps" ? await this.ensureDepsNetwork() : (services.find((s) => s.dockerNetwork)?.dockerNetwork ?? "none");
    const name = `${this.tag}-run-${++this.counter}`;
    const args = dockerRunArgs({
      name,
      image: dockerImageFor(this.options.toolVersions, this.options.image),
      network,
      uid: this.identity.uid,
      gid: this.identity.gid,
      limits,
      tmpBytes: tmpBytes(limits),
      workspace,
      ...(this.gitDir ? { gitDir: this.gitDir } : {}),
      home: this.layout.home,
      readOnlyPaths: [...(this.options.readOnlyPaths ?? []), ...services.flatMap((s) => s.bindPaths)],
      writablePaths: this.options.writablePaths ?? [],
      cwd,
      env,
      command: request.command,
      args: request.args,
    });
    if (request.stdin !== undefined) args.splice(1, 0, "--interactive");
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
