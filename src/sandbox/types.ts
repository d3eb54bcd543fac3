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
  /** CPU seconds. */
  cpuSeconds: number;
}

export interface RunRequest {
  command: string;
  args: readonly string[];
  /** Host path of the working directory; must be inside the sandbox's workspace. */
  cwd: string;
  /** The complete environment of the child besides the sandbox's own allowlisted base. */
  env?: Readonly<Record<string, string>>;
  network?: NetworkMode;
  limits?: Partial<Limits>;
  signal?: AbortSignal;
  stdin?: string;
}

export type LimitHit = "memory" | "processes" | "output" | "cpu";

export interface RunResult {
  exitCode: number | null;
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
  run(request: RunRequest): Promise<RunResult>;
  /** Releases what the sandbox holds (services, temp dirs). Idempotent. */
  dispose(): Promise<void>;
}

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
  /** docker only: the image. */
  image?: string;
}

export const DEFAULT_LIMITS: Limits = {
  wallMs: 10 * 60_000,
  memoryBytes: 4 * 1024 ** 3,
  processes: 512,
  outputBytes: 8 * 1024 ** 2,
  cpuSeconds: 20 * 60,
};

/** An infrastructure problem the user must fix (missing bubblewrap, no Docker …): never a code failure. */
export class SandboxUnavailableError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = "SandboxUnavailableError";
  }
}
