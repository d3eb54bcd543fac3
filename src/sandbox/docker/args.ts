import type { Limits } from "../types.js";

/** Everything `docker run`'s argument vector depends on: built and tested as data. */
export interface DockerRunPlan {
  name: string;
  image: string;
  /** `none`, the job's deps network, or `container:<postgres>` to share the database's loopback. */
  network: string;
  uid: number;
  gid: number;
  limits: Limits;
  tmpBytes: number;
  workspace: string;
  gitDir?: string;
  home: string;
  readOnlyPaths: readonly string[];
  writablePaths: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string>>;
  command: string;
  args: readonly string[];
  /** The run has stdin to pass (`--interactive` keeps the container's stdin open). */
  interactive?: boolean;
}

export function dockerRunArgs(plan: DockerRunPlan): string[] {
  const { limits } = plan;
  const args = ["run", "--rm", "--init", "--name", plan.name];
  if (plan.interactive) args.push("--interactive");
  // A container sharing another's network namespace cannot set its own hostname.
  if (!plan.network.startsWith("container:")) args.push("--hostname", "sandbox");
  args.push("--network", plan.network);
  args.push("--read-only", "--tmpfs", `/tmp:rw,nosuid,nodev,size=${plan.tmpBytes}`);
  args.push("--cap-drop", "ALL", "--security-opt", "no-new-privileges");
  args.push("--user", `${plan.uid}:${plan.gid}`);
  args.push("--pids-limit", String(limits.processes));
  args.push("--memory", `${limits.memoryBytes}b`, "--memory-swap", `${limits.memoryBytes}b`);
  args.push("--cpus", String(limits.cpus ?? 2));
  args.push("--ulimit", `cpu=${Math.ceil(limits.cpuSeconds)}:${Math.ceil(limits.cpuSeconds) + 5}`, "--ulimit", "core=0");
  // Output is captured from the attached streams; the daemon keeps no log of it.
  args.push("--log-driver", "none");
  args.push("--mount", bind(plan.workspace, false));
  if (plan.gitDir) args.push("--mount", bind(plan.gitDir, true));
  args.push("--mount", bind(plan.home, false));
  for (const path of plan.readOnlyPaths) args.push("--mount", bind(path, true));
  for (const path of plan.writablePaths) args.push("--mount", bind(path, false));
  args.push("--workdir", plan.cwd);
  for (const [name, value] of Object.entries(plan.env)) args.push("--env", `${name}=${value}`);
  args.push("--entrypoint", "", plan.image, plan.command, ...plan.args);
  return args;
}

function bind(path: string, readonly: boolean): string {
  if (path.includes(",") || path.includes("=")) throw new Error(`docker sandbox: cannot bind a path containing ',' or '=': ${path}`);
  return `type=bind,source=${path},target=${path}${readonly ? ",readonly" : ""}`;
}

export function dockerKillArgs(name: string): string[] {
  return ["kill", "--signal", "KILL", name];
}

/** The job's own network for the deps phase (internet, but no other job's containers). */
export function dockerNetworkCreateArgs(name: string): string[] {
  return ["network", "create", "--driver", "bridge", "--label", "elixir-agent=deps", name];
}

export function dockerNetworkRemoveArgs(name: string): string[] {
  return ["network", "rm", name];
}
