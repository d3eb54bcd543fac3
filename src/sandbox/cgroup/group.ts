import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
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
 * bubblewrap, so every process of the run is inside from the start. cgroupfs lives in memory:
 * its files are read and written synchronously (no thread-pool round trips per run).
 */
export class RunCgroup {
  private constructor(private readonly dirs: ReadonlyMap<Controller, { dir: string; home: ControllerHome }>) {}

  static create(homes: CgroupHomes, limits: GroupLimits): RunCgroup | undefined {
    const name = `elixir-agent-${process.pid}-${++counter}`;
    const dirs = new Map<Controller, { dir: string; home: ControllerHome }>();
    const group = new RunCgroup(dirs);
    try {
      for (const controller of ["memory", "pids", "cpu"] as const) {
        const home = homes[controller];
        if (!home || (controller === "cpu" && limits.cpus === undefined)) continue;
        const dir = join(home.dir, name);
        if (![...dirs.values()].some((entry) => entry.dir === dir)) mkdirSync(dir);
        dirs.set(controller, { dir, home });
        group.limit(controller, limits);
      }
    } catch (error) {
      group.removeDirs();
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

  private limit(controller: Controller, limits: GroupLimits): void {
    const entry = this.dirs.get(controller);
    if (!entry) return;
    const { dir, home } = entry;
    const write = (file: string, value: string) => writeFileSync(join(dir, file), value);
    if (controller === "memory") {
      write(limitFile("memory", home.version), String(limits.memoryBytes));
      // No swapping around the limit (v1: memsw only exists with swap accounting).
      try {
        write(home.version === 1 ? "memory.memsw.limit_in_bytes" : "memory.swap.max", home.version === 1 ? String(limits.memoryBytes) : "0");
      } catch {
        // No swap accounting on this host.
      }
    } else if (controller === "pids") {
      write("pids.max", String(limits.processes));
    } else if (limits.cpus !== undefined) {
      const period = 100_000;
      const quota = Math.max(1_000, Math.round(limits.cpus * period));
      if (home.version === 1) {
        write("cpu.cfs_period_us", String(period));
        write("cpu.cfs_quota_us", String(quota));
      } else {
        write("cpu.max", `${quota} ${period}`);
      }
    }
  }

  /** Which limits were hit during the run (OOM kill, refused fork). */
  hits(): { memory: boolean; processes: boolean } {
    const memory = this.dirs.get("memory");
    const pids = this.dirs.get("pids");
    const oom = memory ? readCounter(join(memory.dir, memory.home.version === 1 ? "memory.oom_control" : "memory.events"), "oom_kill") : 0;
    const refused = pids ? readCounter(join(pids.dir, "pids.events"), "max") : 0;
    return { memory: oom > 0, processes: refused > 0 };
  }

  /**
   * SIGKILLs everything still in the group and waits until it is empty (the pid namespace is
   * normally tearing itself down already: this also waits for that).
   */
  async killAll(): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (let pids = this.members(); pids.length > 0 && Date.now() < deadline; pids = this.members()) {
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
      await sleep(1);
    }
  }

  async remove(): Promise<void> {
    await this.killAll();
    for (let attempt = 0; !this.removeDirs(); attempt++) {
      if (attempt === 1_000) throw new Error(`sandbox: cgroup ${this.procsFiles.join(", ")} stays busy`);
      await sleep(1);
    }
  }

  /** True when every directory is gone; EBUSY (tasks still exiting) means try again. */
  private removeDirs(): boolean {
    let done = true;
    for (const dir of new Set([...this.dirs.values()].map((entry) => entry.dir))) {
      try {
        rmdirSync(dir);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EBUSY") done = false;
        else if (code !== "ENOENT") throw error;
      }
    }
    return done;
  }

  private members(): number[] {
    const pids = new Set<number>();
    for (const file of this.procsFiles) {
      let text = "";
      try {
        text = readFileSync(file, "utf8");
      } catch {
        // Removed already.
      }
      for (const line of text.split("\n")) if (line.trim()) pids.add(Number(line));
    }
    return [...pids];
  }
}

function readCounter(file: string, key: string): number {
  try {
    const line = readFileSync(file, "utf8").split("\n").find((l) => l.startsWith(`${key} `));
    return line ? Number(line.slice(key.length + 1)) || 0 : 0;
  } catch {
    return 0;
  }
}
