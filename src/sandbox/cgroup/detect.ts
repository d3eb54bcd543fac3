import { access, mkdir, readdir, readFile, rmdir } from "node:fs/promises";
import { join } from "node:path";

export type Controller = "memory" | "pids" | "cpu";
export const CONTROLLERS: readonly Controller[] = ["memory", "pids", "cpu"];

/** Where the app's own cgroup is for one controller; run groups are created beneath it. */
export interface ControllerHome {
  version: 1 | 2;
  dir: string;
}

export type CgroupHomes = Partial<Record<Controller, ControllerHome>>;

interface Mount {
  root: string;
  point: string;
  fstype: string;
  options: string[];
}

/** `/proc/self/mountinfo` → cgroup mounts. */
export function parseMountinfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split("\n")) {
    const [left, right] = line.split(" - ");
    if (!left || !right) continue;
    const fields = left.split(" ");
    const [fstype, , superOptions] = right.split(" ");
    const root = fields[3];
    const point = fields[4];
    if (!root || !point || (fstype !== "cgroup" && fstype !== "cgroup2")) continue;
    mounts.push({ root: unescape(root), point: unescape(point), fstype, options: (superOptions ?? "").split(",") });
  }
  return mounts;
}

/** `/proc/self/cgroup` → controller (or "" for v2) → path. */
export function parseProcCgroup(text: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    const [, controllers = "", path = "/"] = match;
    if (controllers === "") paths.set("", path);
    for (const name of controllers.split(",")) if (name) paths.set(name, path);
  }
  return paths;
}

/** v1 hierarchies win over v2 for a controller (a hybrid host mounts each controller once). */
export function locateHomes(mountinfo: string, procCgroup: string): CgroupHomes {
  const mounts = parseMountinfo(mountinfo);
  const paths = parseProcCgroup(procCgroup);
  const homes: CgroupHomes = {};
  for (const controller of CONTROLLERS) {
    const v1 = mounts.find((m) => m.fstype === "cgroup" && m.options.includes(controller));
    const path = paths.get(controller);
    if (v1 && path !== undefined) {
      homes[controller] = { version: 1, dir: under(v1.point, relative(path, v1.root)) };
      continue;
    }
    const v2 = mounts.find((m) => m.fstype === "cgroup2");
    const v2path = paths.get("");
    if (v2 && v2path !== undefined) homes[controller] = { version: 2, dir: under(v2.point, relative(v2path, v2.root)) };
  }
  return homes;
}

/** Keeps only the controllers under which this process may create a group with the limit file. */
export async function usableHomes(homes: CgroupHomes): Promise<CgroupHomes> {
  const usable: CgroupHomes = {};
  for (const controller of CONTROLLERS) {
    const home = homes[controller];
    if (!home) continue;
    const probe = join(home.dir, `elixir-agent-probe-${process.pid}-${controller}`);
    try {
      await mkdir(probe);
      try {
        await access(join(probe, limitFile(controller, home.version)));
        usable[controller] = home;
      } finally {
        await rmdir(probe);
      }
    } catch {
      // Not writable, or the controller is not enabled for children here: fall back to rlimits.
    }
  }
  return usable;
}

export function limitFile(controller: Controller, version: 1 | 2): string {
  if (controller === "memory") return version === 1 ? "memory.limit_in_bytes" : "memory.max";
  if (controller === "pids") return "pids.max";
  return version === 1 ? "cpu.cfs_quota_us" : "cpu.max";
}

let cached: Promise<CgroupHomes> | undefined;

/** The cgroup controllers this process can use, probed once. */
export function detectCgroups(): Promise<CgroupHomes> {
  cached ??= (async () => {
    try {
      const [mountinfo, procCgroup] = await Promise.all([
        readFile("/proc/self/mountinfo", "utf8"),
        readFile("/proc/self/cgroup", "utf8"),
      ]);
      const homes = await usableHomes(locateHomes(mountinfo, procCgroup));
      await sweepStaleGroups(homes);
      return homes;
    } catch {
      return {};
    }
  })();
  return cached;
}

/** Removes empty run groups left by an earlier app process that died mid-run. */
export async function sweepStaleGroups(homes: CgroupHomes): Promise<void> {
  for (const dir of new Set(Object.values(homes).map((home) => home.dir))) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const owner = /^elixir-agent-(\d+)-\d+$/.exec(name)?.[1];
      if (!owner || Number(owner) === process.pid || alive(Number(owner))) continue;
      await rmdir(join(dir, name)).catch(() => undefined);
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function under(point: string, path: string): string {
  const dir = join(point, path);
  return dir.length > 1 && dir.endsWith("/") ? dir.slice(0, -1) : dir;
}

function relative(path: string, root: string): string {
  if (root !== "/" && (path === root || path.startsWith(`${root}/`))) return path.slice(root.length) || "/";
  return path;
}

function unescape(value: string): string {
  return value.replace(/\\(\d{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
