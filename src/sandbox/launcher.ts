import type { SandboxIdentity } from "./identity.js";

/** Host programs the launcher chains before bubblewrap (all absolute: it starts with no PATH). */
export interface LauncherTools {
  sh: string;
  prlimit: string;
  setpriv: string;
  /** `sh` has dash's `ulimit -p` (RLIMIT_NPROC): it sets the rlimits itself, one exec fewer. */
  shUlimit?: boolean;
}

export interface RlimitPlan {
  /** RLIMIT_NPROC of the sandbox uid. */
  processes: number;
  /** RLIMIT_DATA, only where no memory cgroup gives a hard total (RLIMIT_AS would break the BEAM). */
  dataBytes?: number;
  cpuSeconds?: number;
}

export interface LaunchPlan {
  tools: LauncherTools;
  /** cgroup.procs files to join before anything else runs. */
  cgroupProcs: readonly string[];
  rlimits: RlimitPlan;
  identity: SandboxIdentity;
  /** The command kills itself with its parent (bwrap --die-with-parent): no setpriv needed for that. */
  commandDiesWithParent?: boolean;
}

/** Joins every cgroup given before `--`: the run is inside from its first instruction. */
const JOIN = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift';

/**
 * The argv that starts `command` (normally bwrap), one process throughout (each step execs the
 * next): [sh: join the run's cgroups, set rlimits with dash's ulimit] → [prlimit, where sh cannot]
 * → [setpriv: drop root to the sandbox uid; die with the app] → command.
 */
export function launcherArgv(plan: LaunchPlan, command: readonly string[]): string[] {
  const { processes, dataBytes, cpuSeconds } = plan.rlimits;
  const cpu = cpuSeconds === undefined ? undefined : Math.ceil(cpuSeconds);
  const argv: string[] = [];
  if (plan.tools.shUlimit) {
    // dash: -p processes, -d data in KiB, -t CPU seconds (soft first; the hard one 5 s later kills).
    const limits = [`ulimit -p ${processes}`, "ulimit -c 0"];
    if (dataBytes !== undefined) limits.push(`ulimit -d ${Math.floor(dataBytes / 1024)}`);
    if (cpu !== undefined) limits.push(`ulimit -S -t ${cpu}`, `ulimit -H -t ${cpu + 5}`);
    argv.push(plan.tools.sh, "-c", `${JOIN}; ${limits.join(" && ")} || exit 125; exec "$@"`, "sandbox-launch", ...plan.cgroupProcs, "--");
  } else {
    if (plan.cgroupProcs.length > 0) argv.push(plan.tools.sh, "-c", `${JOIN}; exec "$@"`, "sandbox-launch", ...plan.cgroupProcs, "--");
    argv.push(plan.tools.prlimit, `--nproc=${processes}:${processes}`, "--core=0:0");
    if (dataBytes !== undefined) argv.push(`--data=${dataBytes}:${dataBytes}`);
    // The soft limit sends SIGXCPU (reported as a CPU limit), the hard one SIGKILL shortly after.
    if (cpu !== undefined) argv.push(`--cpu=${cpu}:${cpu + 5}`);
    argv.push("--");
  }
  if (plan.identity.switchUser) {
    const { uid, gid } = plan.identity;
    argv.push(plan.tools.setpriv, "--pdeathsig=KILL", `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--");
  } else if (!plan.commandDiesWithParent) {
    argv.push(plan.tools.setpriv, "--pdeathsig=KILL", "--");
  }
  argv.push(...command);
  return argv;
}
