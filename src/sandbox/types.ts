/**
 * The one interface every toolchain step runs PR code through. PR code is hostile: mix.exs,
 * mix.lock, macros, test_helper.exs and tests all execute. A backend isolates it, limits it and
 * gives it no secrets.
 */

export type SandboxBackendName = "bubblewrap" | "docker" | "none";

/** `none`: no network at all. `deps`: network for the dependency fetch phase only. */
export type NetworkMode = "none" | "deps";

export interface Limits {
  /** Wall clock; the whole process tree is killed when it runs out. */
  wallMs: number;
  /** Address space / memory cap for the step. */
  memoryBytes: number;
  /** Maximum number of processes (fork bombs stop here). */
  processes: number;
  /** stdout and stderr are each captured up to this many bytes, then truncated. */
  outputBytes: number;
  /** CPU seconds (per process: RLIMIT_CPU; docker: `--ulimit cpu`). */
  cpuSeconds: number;
  /** CPU share in cores (docker `--cpus`, bubblewrap: cgroup CPU quota when the cpu controller is writable). */
  cpus?: number;
}

export interface RunRequest {
  command: string;
  args: readonly string[];
  /** Host path of the working directory; must be inside the sandbox's workspace. */
  cwd: string;
  /**
   * The child's environment on top of the sandbox's own base (PATH, HOME, LANG, MIX_HOME, HEX_HOME,
   * TMPDIR). Keys must be on the allowlist (`isAllowedEnvName`), values must not contain a secret
   * of the app: both are refused with an error, never silently passed.
   */
  env?: Readonly<Record<string, string>>;
  network?: NetworkMode;
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  stdin?: string;
}

export type LimitHit = "memory" | "processes" | "output" | "cpu";

/** How a backend enforces each limit on this host (for the summary and the README's honesty). */
export interface Enforcement {
  /** `cgroup-v1`/`cgroup-v2`: a hard total; `rlimit`: per process only (RLIMIT_DATA); `docker`; `none`. */
  memory: "cgroup-v1" | "cgroup-v2" | "rlimit" | "docker" | "none";
  /** `cgroup-*`: counted per run; `rlimit`: RLIMIT_NPROC of the sandbox uid; `docker`; `none`. */
  processes: "cgroup-v1" | "cgroup-v2" | "rlimit" | "docker" | "none";
  /** The uid PR code runs as; null when it is the app's own uid (non-root app, `none`). */
  uid: number | null;
}

export interface RunResult {
  /** null when the run was killed (time, abort, output cap). */
  exitCode: number | null;
  /**
   * The signal that ended the command: ours (SIGKILL on time/abort/output cap), or decoded from a
   * sandbox's 128+N exit status (then `exitCode` keeps the raw status, e.g. 137 for an OOM kill).
   */
  signal: string | null;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  durationMs: number;
  timedOut: boolean;
  aborted: boolean;
  /** Set when the run was stopped (or is known to have failed) because of a limit. */
  limitHit: LimitHit | null;
}

export interface Sandbox {
  readonly backend: SandboxBackendName;
  /** How limits are enforced here (every backend of src/sandbox sets it; test doubles may not). */
  readonly enforcement?: Enforcement;
  run(request: RunRequest): Promise<RunResult>;
  /** Releases what the sandbox holds (services, temp dirs). Idempotent. */
  dispose(): Promise<void>;
}

/** What `createSandbox` returns: a Sandbox that always says how it enforces limits. */
export type BackendSandbox = Sandbox & { readonly enforcement: Enforcement };

export interface SandboxOptions {
  /** Host directory with the checked-out project: the only writable tree besides HOME and /tmp. */
  workspace: string;
  /** Host directory owned by this job; HOME and private tmp live under it. */
  jobDir: string;
  /** Extra host paths bound read-only at the same path (e.g. `agent/elixir` helpers). */
  readOnlyPaths?: readonly string[];
  /** Extra host paths bound writable at the same path (e.g. a per-job cache copy). */
  writablePaths?: readonly string[];
  /** Defaults for every run. */
  limits?: Partial<Limits>;
  /** docker only: the image (default: official `elixir` image, tag from `toolVersions`). */
  image?: string;
  /** docker only: `.tool-versions` of the project, to pick the image tag. */
  toolVersions?: { elixir?: string; erlang?: string };
  /** Services (PostgreSQL) every run sees: their paths are bound, their env is added. */
  services?: readonly ServiceAttachment[];
  /** Run PR code as this uid when the app runs as root (default: derived from `jobDir`). */
  uid?: number;
  /** PATH used to find bwrap/setpriv/prlimit/docker on the host (default: the app's PATH). */
  hostPath?: string;
  /** bubblewrap: `false` skips cgroups and uses rlimits only (hosts with unreliable cgroups; tests). */
  cgroups?: boolean;
}

/** What a running service contributes to each sandbox run. */
export interface ServiceAttachment {
  /** Environment added to every run (request env overrides it). */
  readonly env: Readonly<Record<string, string>>;
  /** Host paths bound read-only at the same path (e.g. the PostgreSQL socket directory). */
  readonly bindPaths: readonly string[];
  /** docker only: `--network` value for runs that are not in the deps phase. */
  readonly dockerNetwork?: string;
}

export const DEFAULT_LIMITS: Limits = {
  wallMs: 10 * 60_000,
  memoryBytes: 4 * 1024 ** 3,
  processes: 512,
  outputBytes: 8 * 1024 ** 2,
  cpuSeconds: 20 * 60,
};

export type SandboxErrorCode =
  | "bwrap-missing"
  | "userns-denied"
  | "bwrap-failed"
  | "util-missing"
  | "docker-missing"
  | "docker-not-running"
  | "postgres-missing"
  | "postgres-failed"
  | "none-refused"
  | "unsupported-platform"
  | "path-unreachable"
  | "sandbox-start-failed"
  | "unavailable";

/** An infrastructure problem the user must fix (missing bubblewrap, no Docker …): never a code failure. */
export class SandboxUnavailableError extends Error {
  constructor(
    message: string,
    readonly fix: string,
    readonly code: SandboxErrorCode = "unavailable",
  ) {
    super(message);
    this.name = "SandboxUnavailableError";
  }
}
