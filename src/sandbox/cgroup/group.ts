import { mkdir, readFile, rmdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type CgroupHomes, type Controller, type ControllerHome, limitFile } from "./detect.js";

export interface GroupLimits {
  memoryBytes: number;
  processes: number;
  cpus?: number;
}

let counter = 0;

/**
 * One cgroup per run, under the app's own cgroup of each usable controller: a hard total for
 * memory and processes, whatever uid the code runs as. The launcher joins it before exec'ing
 * bubblewrap, so every process of the run is inside from the start.
 */
export class RunCgroup {
  private constructor(private readonly dirs: ReadonlyMap<Controller, { dir: string; home: ControllerHome }>) {}

  static async create(homes: CgroupHomes, limits: GroupLimits): Promise<RunCgroup | undefined> {
    const name = `elixir-agent-${process.pid}-${++counter}`;
    const dirs = new Map<Controller, { dir: string; home: ControllerHome }>();
    const group = new RunCgroup(dirs);
    try {
      for (const controller of ["memory", "pids", "cpu"] as const) {
        const home = homes[controller];
        if (!home || (controller === "cpu" && limits.cpus === undefined)) continue;
        const dir = join(home.dir, name);
        if (![...dirs.values()].some((entry) => entry.dir === dir)) await mkdir(dir);
        dirs.set(controller, { dir, home });
        await group.limit(controller, limits);
      }
    } catch (error) {
      await group.remove();
      throw error;
    }
    return dirs.size > 0 ? group : undefined;
  }

  get controllers(): Controller[] {
    return [...this.dirs.keys()];
  }

  /** The files the launcher writes its pid into. v2 shares one directory for all controllers. */
  get procsFiles(): string[] {
    return [...new Set([...this.dirs.values()].map(({ dir }) => join(dir, "cgroup.procs")))];
  }

  private async limit(controller: Controller, limits: GroupLimits): Promise<void> {
    const entry = this.dirs.get(controller);
    if (!entry) return;
    const { dir, home } = entry;
    const write = (file: string, value: string) => writeFile(join(dir, file), value);
    if (controller === "memory") {
      await write(limitFile("memory", home.version), String(limits.memoryBytes));
      // No swapping around the limit (v1: memsw only exists with swap accounting).
      await write(home.version === 1 ? "memory.memsw.limit_in_bytes" : "memory.swap.max", home.version === 1 ? String(limits.memoryBytes) : "0").catch(() => undefined);
    } else if (controller === "pids") {
      await write("pids.max", String(limits.processes));
    } else if (limits.cpus !== undefined) {
      const period = 100_000;
      const quota = Math.max(1_000, Math.round(limits.cpus * period));
      if (home.version === 1) {
        await write("cpu.cfs_period_us", String(period));
        await write("cpu.cfs_quota_us", String(quota));
      } else {
        await write("cpu.max", `${quota} ${period}`);
      }
    }
  }

  /** Which limits were hit during the run (OOM kill, refused fork). */
  async hits(): Promise<{ memory: boolean; processes: boolean }> {
    const memory = this.dirs.get("memory");
    const pids = this.dirs.get("pids");
    const oomFile = memory && join(memory.dir, memory.home.version === 1 ? "memory.oom_control" : "memory.events");
    const [oom, refused] = await Promise.all([
      oomFile ? readCounter(oomFile, "oom_kill") : 0,
      pids ? readCounter(join(pids.dir, "pids.events"), "max") : 0,
    ]);
    return { memory: oom > 0, processes: refused > 0 };
  }

  /** SIGKILL everything still in the group (a backstop: the pid namespace normally did it). */
  async killAll(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      const pids = await this.members();
      if (pids.length === 0) return;
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      await sleep(20);
    }
  }

  async remove(): Promise<void> {
    await this.killAll();
    for (const dir of new Set([...this.dirs.values()].map((entry) => entry.dir))) {
      for (let attempt = 0; attempt < 25; attempt++) {
        try {
          await rmdir(dir);
          break;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "ENOENT") break;
          if (code !== "EBUSY" || attempt === 24) throw error;
          await sleep(20);
        }
      }
    }
  }

  private async members(): Promise<number[]> {
    const pids = new Set<number>();
    for (const file of this.procsFiles) {
      const text = await readFile(file, "utf8").catch(() => "");
      for (const line of text.split("\n")) if (line.trim()) pids.add(Number(line));
    }
    return [...pids];
  }
}

async function readCounter(file: string, key: string): Promise<number> {
  const text = await readFile(file, "utf8").catch(() => "");
  const line = text.split("\n").find((l) => l.startsWith(`${key} `));
  return line ? Number(line.slice(key.length + 1)) || 0 : 0;
}
