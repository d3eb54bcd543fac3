import { runProcess, type ProcessOutcome } from "../process/run.js";

/** The docker CLI talks to the daemon: it gets the Docker settings of the app, nothing else. */
const CLI_ENV = ["DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY", "HOME", "PATH"];

export function dockerCliEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of CLI_ENV) {
    const value = env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/** One short docker CLI call (version, network, kill, rm, exec). */
export function dockerCli(docker: string, args: readonly string[], timeoutMs = 30_000, signal?: AbortSignal): Promise<ProcessOutcome> {
  return runProcess({ argv: [docker, ...args], cwd: "/", env: dockerCliEnv(), wallMs: timeoutMs, outputBytes: 256 * 1024, ...(signal ? { signal } : {}) });
}
