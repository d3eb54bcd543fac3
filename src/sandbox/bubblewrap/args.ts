import type { NetworkMode } from "../types.js";

/** Everything bwrap's argument vector depends on: a pure function of this, tested as data. */
export interface BwrapPlan {
  bwrap: string;
  network: NetworkMode;
  /** Host top-level entries: `/lib` → `usr/lib` symlinks are recreated, real directories bound. */
  rootLinks: Readonly<Record<string, string>>;
  rootDirs: readonly string[];
  /** Files bound at fixed /etc paths (synthetic passwd, group, hosts). */
  etcFiles: Readonly<Record<string, string>>;
  workspace: string;
  /** `<workspace>/.git` when it exists: bound read-only on top of the writable workspace. */
  gitDir?: string;
  home: string;
  tmpBytes: number;
  readOnlyPaths: readonly string[];
  writablePaths: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string>>;
  /** Command line inside the sandbox (already including the start-marker shim). */
  command: readonly string[];
  /** fd for bwrap's JSON status (child pid, exit code). */
  statusFd?: number;
}

/** /etc pieces with no secrets that binaries expect: alternatives symlinks, the linker cache, the zone. */
export const ETC_ALWAYS = ["/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime"];
/** /etc pieces only the dependency phase (network) needs: DNS and TLS roots. */
export const ETC_DEPS = ["/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf", "/etc/ssl", "/etc/ca-certificates"];

export function bwrapArgs(plan: BwrapPlan): string[] {
  const args = [plan.bwrap, "--unshare-all", "--unshare-user"];
  if (plan.network === "deps") args.push("--share-net");
  args.push("--disable-userns", "--die-with-parent", "--new-session", "--clearenv", "--cap-drop", "ALL", "--hostname", "sandbox");
  if (plan.statusFd !== undefined) args.push("--json-status-fd", String(plan.statusFd));
  args.push("--ro-bind", "/usr", "/usr");
  for (const [link, target] of Object.entries(plan.rootLinks)) args.push("--symlink", target, link);
  for (const dir of plan.rootDirs) args.push("--ro-bind", dir, dir);
  args.push("--proc", "/proc", "--dev", "/dev");
  args.push("--size", String(plan.tmpBytes), "--tmpfs", "/tmp");
  for (const path of ETC_ALWAYS) args.push("--ro-bind-try", path, path);
  if (plan.network === "deps") for (const path of ETC_DEPS) args.push("--ro-bind-try", path, path);
  for (const [target, source] of Object.entries(plan.etcFiles)) args.push("--ro-bind", source, target);
  for (const path of plan.readOnlyPaths) args.push("--ro-bind", path, path);
  args.push("--bind", plan.home, plan.home);
  args.push("--bind", plan.workspace, plan.workspace);
  if (plan.gitDir) args.push("--ro-bind", plan.gitDir, plan.gitDir);
  for (const path of plan.writablePaths) args.push("--bind", path, path);
  args.push("--chdir", plan.cwd);
  for (const [name, value] of Object.entries(plan.env)) args.push("--setenv", name, value);
  args.push("--", ...plan.command);
  return args;
}

/**
 * The command actually exec'd inside: a shim writes the start marker to fd 3 once bubblewrap's
 * setup succeeded, closes fds 3 and 4 (the status pipe), then execs the real command. A run without the marker failed in
 * the sandbox, not in the project (bwrap's own errors never pose as a failing build).
 */
export const START_MARKER = "sandbox-started";
export function withStartMarker(sh: string, command: string, args: readonly string[]): string[] {
  return [sh, "-c", `printf ${START_MARKER} >&3 && exec 3>&- 4>&- && exec "$@"`, "sandbox", command, ...args];
}
