import { SandboxUnavailableError } from "./types.js";

/**
 * Every infrastructure problem a user can meet, as one clear sentence plus the fix. These end as
 * a neutral check run / a CLI error, never as "your tests failed".
 */

const OR_DOCKER = "Or set ELIXIR_AGENT_SANDBOX=docker to run pull-request code in Docker instead.";

export function bwrapMissing(): SandboxUnavailableError {
  return new SandboxUnavailableError(
    "bubblewrap (`bwrap`) is not installed, so pull-request code cannot be sandboxed.",
    `Install it: \`apt-get install bubblewrap\` (Debian/Ubuntu) or \`dnf install bubblewrap\` (Fedora). ${OR_DOCKER}`,
    "bwrap-missing",
  );
}

export function userNamespacesDenied(detail: string): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `bubblewrap is installed but this kernel does not let it create user namespaces, so it cannot isolate pull-request code (bwrap said: ${detail}).`,
    "Allow unprivileged user namespaces: `sysctl -w user.max_user_namespaces=15000`; on Debian ≤ 10 also " +
      "`sysctl -w kernel.unprivileged_userns_clone=1`; on Ubuntu ≥ 23.10 `sysctl -w " +
      "kernel.apparmor_restrict_unprivileged_userns=0` or an AppArmor profile for /usr/bin/bwrap. Inside a " +
      `container, start it with a seccomp profile that permits namespaces. ${OR_DOCKER}`,
    "userns-denied",
  );
}

export function bwrapFailed(detail: string): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `bubblewrap is installed but could not start a sandbox: ${detail}`,
    `Run \`bwrap --unshare-all --ro-bind /usr /usr -- /usr/bin/true\` as the app's user to see the problem. ${OR_DOCKER}`,
    "bwrap-failed",
  );
}

export function utilMissing(tool: string, why: string): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `\`${tool}\` is not installed; the sandbox needs it ${why}.`,
    `Install util-linux (\`apt-get install util-linux\`), which provides \`${tool}\`.`,
    "util-missing",
  );
}

export function dockerMissing(): SandboxUnavailableError {
  return new SandboxUnavailableError(
    "The Docker CLI (`docker`) is not installed, so the docker sandbox cannot run.",
    "Install Docker (https://docs.docker.com/engine/install/), or on Linux use ELIXIR_AGENT_SANDBOX=bubblewrap.",
    "docker-missing",
  );
}

export function dockerNotRunning(detail: string): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `Docker is installed but its daemon is not reachable, so the docker sandbox cannot run (docker said: ${detail}).`,
    "Start the daemon (`systemctl start docker`), check DOCKER_HOST / the Docker context, and let the app's " +
      "user use the Docker socket. On Linux, ELIXIR_AGENT_SANDBOX=bubblewrap needs no daemon.",
    "docker-not-running",
  );
}

export function postgresMissing(binDir: string, missing: readonly string[]): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `PostgreSQL server binaries (${missing.map((m) => `\`${m}\``).join(", ")}) were not found in ${binDir}, so the project's database tests cannot run.`,
    "Install the server: `apt-get install postgresql-15` (Debian 12), or point the sandbox at another version's bin directory.",
    "postgres-missing",
  );
}

export function postgresFailed(detail: string): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `The disposable PostgreSQL for this review could not start: ${detail}`,
    "Check that initdb/postgres run for an unprivileged user on this host (they refuse root) and that the job directory has free space.",
    "postgres-failed",
  );
}

export function noneRefused(): SandboxUnavailableError {
  return new SandboxUnavailableError(
    "The GitHub App refuses to run pull-request code without a sandbox (ELIXIR_AGENT_SANDBOX=none).",
    "Use ELIXIR_AGENT_SANDBOX=auto, bubblewrap or docker. `none` is meant for the CLI on a repository you trust.",
    "none-refused",
  );
}

export function unsupportedPlatform(platform: string): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `bubblewrap needs Linux; this host runs ${platform}.`,
    "Use ELIXIR_AGENT_SANDBOX=docker (Docker Desktop), or run the app on Linux.",
    "unsupported-platform",
  );
}

export function pathUnreachable(path: string, blocker: string, uid: number): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `The sandbox user (uid ${uid}) cannot reach ${path}: ${blocker} is not accessible to other users.`,
    `Make it searchable (\`chmod o+x ${blocker}\`), or put ELIXIR_AGENT_WORK_DIR / the helpers under a directory other users can traverse.`,
    "path-unreachable",
  );
}

export function sandboxStartFailed(backend: string, detail: string): SandboxUnavailableError {
  return new SandboxUnavailableError(
    `The ${backend} sandbox failed to start the command: ${detail}`,
    "This is a problem of the host, not of the pull request; the log has the details.",
    "sandbox-start-failed",
  );
}
