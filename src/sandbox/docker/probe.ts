import { dockerMissing, dockerNotRunning } from "../errors.js";
import { which } from "../which.js";
import { dockerCli } from "./cli.js";

const cache = new Map<string, Promise<string>>();

/** Finds the docker CLI and proves the daemon answers; returns the CLI's path. Successes are cached. */
export function probeDocker(hostPath: string | undefined): Promise<string> {
  const key = hostPath ?? "";
  const existing = cache.get(key);
  if (existing) return existing;
  const probe = (async () => {
    const docker = which("docker", hostPath);
    if (!docker) throw dockerMissing();
    const outcome = await dockerCli(docker, ["version", "--format", "{{.Server.Version}}"], 15_000);
    if (outcome.exitCode !== 0 || !outcome.stdout.text().trim()) {
      const said = outcome.stderr.text().trim().split("\n").find((l) => l.trim()) ?? (outcome.timedOut ? "no answer within 15 s" : `exit ${outcome.exitCode}`);
      throw dockerNotRunning(said.slice(0, 300));
    }
    return docker;
  })();
  cache.set(key, probe);
  probe.catch(() => cache.delete(key));
  return probe;
}
