import type { SandboxIdentity } from "./identity.js";

/** Host programs the launcher chains before bubblewrap (all absolute: it starts with no PATH). */
export interface LauncherTools {
  sh: string;
  prlimit: string;
  setpriv: string;
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
}

/** Joins every cgroup given before `--`, then execs the rest: the run is inside from its first instruction. */
const JOIN_SCRIPT = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';

/**
 * The argv that starts `command` (normally bwrap): [sh: join cgroups] → prlimit → setpriv (die
 * with the app; when root, drop to the sandbox uid) → command. Every step execs the next, so it is one process throughout.
 */
export function launcherArgv(plan: LaunchPlan, command: readonly string[]): string[] {
  const argv: string[] = [];
  if (plan.cgroupProcs.length > 0) argv.push(plan.tools.sh, "-c", JOIN_SCRIPT, "sandbox-launch", ...plan.cgroupProcs, "--");
  const { processes, dataBytes, cpuSeconds } = plan.rlimits;
  argv.push(plan.tools.prlimit, `--nproc=${processes}:${processes}`, "--core=0:0");
  if (dataBytes !== undefined) argv.push(`--data=${dataBytes}:${dataBytes}`);
  // The soft limit sends SIGXCPU (reported as a CPU limit), the hard one SIGKILL shortly after.
  if (cpuSeconds !== undefined) argv.push(`--cpu=${Math.ceil(cpuSeconds)}:${Math.ceil(cpuSeconds) + 5}`);
  argv.push("--");
  // Dies with the app even where the command is not bwrap (which has --die-with-parent itself).
  argv.push(plan.tools.setpriv, "--pdeathsig=KILL");
  if (plan.identity.switchUser) {
    const { uid, gid } = plan.identity;
    argv.push(`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all");
  }
  argv.push("--", ...command);
  return argv;
}
