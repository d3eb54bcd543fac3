import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** bwrap's first JSON status document names the sandbox's pid 1 (host pid). */
export function childPidFromStatus(status: string): number | undefined {
  const match = /"child-pid"\s*:\s*(\d+)/.exec(status);
  return match ? Number(match[1]) : undefined;
}

/**
 * bwrap returns as soon as the sandbox's pid 1 reported the exit status, while the kernel may still
 * be killing the rest of the pid namespace. Pid 1 turns into a zombie (or disappears) only after
 * every other process in its namespace is gone: wait for that, so a run never returns while
 * something it started still runs. (Runs with a cgroup wait for the group to empty instead.)
 */
export async function waitNamespaceGone(pid: number | undefined, timeoutMs = 5_000): Promise<void> {
  if (pid === undefined) return;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited(pid)) await sleep(1);
}

function exited(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return true;
  }
  const state = stat.charAt(stat.lastIndexOf(")") + 2);
  return state === "Z" || state === "X";
}
