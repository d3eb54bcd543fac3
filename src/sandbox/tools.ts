import { spawnSync } from "node:child_process";
import { utilMissing } from "./errors.js";
import type { LauncherTools } from "./launcher.js";
import { which } from "./which.js";

/** The host programs of the launcher, found on `hostPath`; throws the install hint when missing. */
export function launcherTools(hostPath: string | undefined): LauncherTools {
  const prlimit = which("prlimit", hostPath);
  if (!prlimit) throw utilMissing("prlimit", "to set process, memory and CPU limits");
  const setpriv = which("setpriv", hostPath);
  if (!setpriv) throw utilMissing("setpriv", "to run pull-request code as an unprivileged uid (not root) and to stop it with the app");
  const sh = which("sh", hostPath) ?? "/bin/sh";
  return { sh, prlimit, setpriv, shUlimit: hasDashUlimit(sh) };
}

/** dash's `ulimit -p` sets RLIMIT_NPROC; bash's `-p` is the (read-only) pipe size and fails. */
function hasDashUlimit(sh: string): boolean {
  const probe = spawnSync(sh, ["-c", "ulimit -p 4096 && ulimit -c 0 && ulimit -S -t unlimited && ulimit -d unlimited && test \"$(ulimit -p)\" = 4096"], { env: {}, timeout: 5_000 });
  return probe.status === 0;
}
