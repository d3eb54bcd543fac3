import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectCgroups, locateHomes, parseProcCgroup, sweepStaleGroups } from "../../src/sandbox/cgroup/detect.js";
import { RunCgroup } from "../../src/sandbox/cgroup/group.js";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "..", "fixtures", "sandbox", "cgroup", name), "utf8");

describe("locateHomes", () => {
  it("finds each v1 controller under the app's own cgroup on a hybrid host", () => {
    expect(locateHomes(fixture("hybrid.mountinfo"), fixture("hybrid.cgroup"))).toEqual({
      memory: { version: 1, dir: "/sys/fs/cgroup/memory/process_api/d9c8417a" },
      pids: { version: 1, dir: "/sys/fs/cgroup/pids" },
      cpu: { version: 1, dir: "/sys/fs/cgroup/cpu" },
    });
  });

  it("uses the unified hierarchy on a cgroup v2 host", () => {
    const dir = "/sys/fs/cgroup/system.slice/elixir-agent.service";
    expect(locateHomes(fixture("unified.mountinfo"), fixture("unified.cgroup"))).toEqual({
      memory: { version: 2, dir },
      pids: { version: 2, dir },
      cpu: { version: 2, dir },
    });
  });

  it("strips the mount's root inside a container", () => {
    expect(locateHomes(fixture("container.mountinfo"), fixture("container.cgroup"))).toEqual({
      memory: { version: 1, dir: "/sys/fs/cgroup/memory/worker" },
      pids: { version: 1, dir: "/sys/fs/cgroup/pids" },
    });
  });

  it("parses combined controllers", () => {
    expect([...parseProcCgroup("3:cpu,cpuacct:/a\n0::/b\n")]).toEqual([["cpu", "/a"], ["cpuacct", "/a"], ["", "/b"]]);
  });
});

describe("RunCgroup on this host", async () => {
  const homes = await detectCgroups();
  it.skipIf(!homes.memory || !homes.pids)("creates a limited group per run and removes it", async () => {
    const group = RunCgroup.create(homes, { memoryBytes: 300 * 1024 ** 2, processes: 42 });
    expect(group).toBeDefined();
    const dirs = group!.procsFiles.map((file) => join(file, ".."));
    const pids = dirs.find((dir) => dir.includes("pids")) ?? dirs[0]!;
    const memory = dirs.find((dir) => dir.includes("memory")) ?? dirs[0]!;
    expect(readFileSync(join(pids, "pids.max"), "utf8").trim()).toBe("42");
    const memoryFile = homes.memory!.version === 1 ? "memory.limit_in_bytes" : "memory.max";
    expect(readFileSync(join(memory, memoryFile), "utf8").trim()).toBe(String(300 * 1024 ** 2));
    expect(group!.hits()).toEqual({ memory: false, processes: false });
    await group!.remove();
    for (const dir of dirs) expect(() => readFileSync(join(dir, "cgroup.procs"))).toThrow();
  });

  it.skipIf(!homes.pids)("sweeps empty groups left by an app process that died", async () => {
    const dead = spawnSync("/bin/true").pid;
    const stale = join(homes.pids!.dir, `elixir-agent-${dead}-1`);
    const mine = join(homes.pids!.dir, `elixir-agent-${process.pid}-999999`);
    mkdirSync(stale);
    mkdirSync(mine);
    try {
      await sweepStaleGroups({ pids: homes.pids! });
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(mine)).toBe(true);
    } finally {
      for (const dir of [stale, mine]) if (existsSync(dir)) rmdirSync(dir);
    }
  });
});
