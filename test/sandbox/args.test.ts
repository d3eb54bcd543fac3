import { describe, expect, it } from "vitest";
import { bwrapArgs, type BwrapPlan, withStartMarker } from "../../src/sandbox/bubblewrap/args.js";
import { launcherArgv } from "../../src/sandbox/launcher.js";

const plan: BwrapPlan = {
  bwrap: "/usr/bin/bwrap",
  network: "none",
  rootLinks: { "/lib": "usr/lib" },
  rootDirs: ["/lib64"],
  etcFiles: { "/etc/passwd": "/job/sandbox/etc/passwd" },
  workspace: "/job/repo",
  gitDir: "/job/repo/.git",
  home: "/job/sandbox/home",
  tmpBytes: 1024,
  readOnlyPaths: ["/app/agent/elixir"],
  writablePaths: ["/cache/deps"],
  cwd: "/job/repo",
  env: { PATH: "/usr/bin", HOME: "/job/sandbox/home" },
  command: ["mix", "test"],
  statusFd: 4,
};

/** Pairs of `flag value...` in order, to assert on without caring about the rest. */
function indexOf(args: string[], ...seq: string[]): number {
  return args.findIndex((_, i) => seq.every((s, j) => args[i + j] === s));
}

describe("bwrapArgs", () => {
  const args = bwrapArgs(plan);

  it("unshares every namespace, network included, and hardens the process", () => {
    for (const flag of ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--clearenv"]) {
      expect(args).toContain(flag);
    }
    expect(indexOf(args, "--cap-drop", "ALL")).toBeGreaterThan(0);
    expect(args).not.toContain("--share-net");
    expect(indexOf(args, "--json-status-fd", "4")).toBeGreaterThan(0);
  });

  it("binds the toolchain read-only, the workspace writable with .git read-only on top", () => {
    expect(indexOf(args, "--ro-bind", "/usr", "/usr")).toBeGreaterThan(0);
    expect(indexOf(args, "--symlink", "usr/lib", "/lib")).toBeGreaterThan(0);
    expect(indexOf(args, "--ro-bind", "/lib64", "/lib64")).toBeGreaterThan(0);
    const workspace = indexOf(args, "--bind", "/job/repo", "/job/repo");
    const git = indexOf(args, "--ro-bind", "/job/repo/.git", "/job/repo/.git");
    expect(workspace).toBeGreaterThan(0);
    expect(git).toBeGreaterThan(workspace);
    expect(indexOf(args, "--bind", "/job/sandbox/home", "/job/sandbox/home")).toBeGreaterThan(0);
    expect(indexOf(args, "--ro-bind", "/app/agent/elixir", "/app/agent/elixir")).toBeGreaterThan(0);
    expect(indexOf(args, "--bind", "/cache/deps", "/cache/deps")).toBeGreaterThan(0);
    expect(indexOf(args, "--ro-bind", "/job/sandbox/etc/passwd", "/etc/passwd")).toBeGreaterThan(0);
    expect(indexOf(args, "--size", "1024", "--tmpfs", "/tmp")).toBeGreaterThan(0);
  });

  it("binds DNS and TLS configuration, and shares the network, only in the deps phase", () => {
    expect(args).not.toContain("/etc/resolv.conf");
    expect(args).not.toContain("/etc/ssl");
    const deps = bwrapArgs({ ...plan, network: "deps" });
    expect(deps).toContain("--share-net");
    expect(indexOf(deps, "--ro-bind-try", "/etc/resolv.conf", "/etc/resolv.conf")).toBeGreaterThan(0);
    expect(indexOf(deps, "--ro-bind-try", "/etc/ssl", "/etc/ssl")).toBeGreaterThan(0);
  });

  it("sets cwd and each variable explicitly, and ends with the command", () => {
    expect(indexOf(args, "--chdir", "/job/repo")).toBeGreaterThan(0);
    expect(indexOf(args, "--setenv", "PATH", "/usr/bin")).toBeGreaterThan(0);
    expect(args.slice(-3)).toEqual(["--", "mix", "test"]);
  });

  it("wraps the command in a shim that reports a successful start, then closes the report pipes", () => {
    expect(withStartMarker("/bin/sh", "mix", ["test"])).toEqual([
      "/bin/sh",
      "-c",
      'printf sandbox-started >&3 && exec 3>&- 4>&- && exec "$@"',
      "sandbox",
      "mix",
      "test",
    ]);
  });
});

describe("launcherArgv", () => {
  const tools = { sh: "/bin/sh", prlimit: "/usr/bin/prlimit", setpriv: "/usr/bin/setpriv" };
  const root = { uid: 1800000001, gid: 1800000001, switchUser: true };
  const JOIN = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift';

  it("with dash: joins the cgroups and sets rlimits in one shell, drops root, then execs bwrap", () => {
    const argv = launcherArgv(
      { tools: { ...tools, shUlimit: true }, cgroupProcs: ["/cg/memory/x/cgroup.procs", "/cg/pids/x/cgroup.procs"], rlimits: { processes: 80, cpuSeconds: 60 }, identity: root, commandDiesWithParent: true },
      ["/usr/bin/bwrap", "--", "true"],
    );
    expect(argv).toEqual([
      "/bin/sh", "-c", `${JOIN}; ulimit -p 80 && ulimit -c 0 && ulimit -S -t 60 && ulimit -H -t 65 || exit 125; exec "$@"`, "sandbox-launch",
      "/cg/memory/x/cgroup.procs", "/cg/pids/x/cgroup.procs", "--",
      "/usr/bin/setpriv", "--pdeathsig=KILL", "--reuid=1800000001", "--regid=1800000001", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--",
      "/usr/bin/bwrap", "--", "true",
    ]);
  });

  it("without dash: a joining shell only when there are cgroups, then prlimit", () => {
    const argv = launcherArgv({ tools, cgroupProcs: ["/cg/pids/x/cgroup.procs"], rlimits: { processes: 80, cpuSeconds: 60 }, identity: root, commandDiesWithParent: true }, ["/usr/bin/bwrap"]);
    expect(argv.slice(0, 7)).toEqual(["/bin/sh", "-c", `${JOIN}; exec "$@"`, "sandbox-launch", "/cg/pids/x/cgroup.procs", "--", "/usr/bin/prlimit"]);
    expect(argv).toContain("--nproc=80:80");
    expect(argv).toContain("--cpu=60:65");
  });

  it("uses RLIMIT_DATA (never RLIMIT_AS) where no cgroup bounds memory, and keeps a non-root uid", () => {
    const argv = launcherArgv({ tools, cgroupProcs: [], rlimits: { processes: 64, dataBytes: 1024 }, identity: { uid: 1000, gid: 1000, switchUser: false }, commandDiesWithParent: true }, ["/usr/bin/bwrap"]);
    expect(argv).toEqual(["/usr/bin/prlimit", "--nproc=64:64", "--core=0:0", "--data=1024:1024", "--", "/usr/bin/bwrap"]);
    expect(argv.some((a) => a.startsWith("--as"))).toBe(false);
    const dash = launcherArgv({ tools: { ...tools, shUlimit: true }, cgroupProcs: [], rlimits: { processes: 64, dataBytes: 1024 * 1024 }, identity: { uid: 1000, gid: 1000, switchUser: false }, commandDiesWithParent: true }, ["/usr/bin/bwrap"]);
    expect(dash[2]).toContain("ulimit -d 1024");
    expect(dash[2]).not.toContain("ulimit -v");
  });

  it("ties a command that does not die with its parent to the app (setpriv --pdeathsig)", () => {
    const argv = launcherArgv({ tools, cgroupProcs: [], rlimits: { processes: 64 }, identity: { uid: 1000, gid: 1000, switchUser: false } }, ["/usr/lib/postgresql/15/bin/postgres"]);
    expect(argv.slice(-4)).toEqual(["/usr/bin/setpriv", "--pdeathsig=KILL", "--", "/usr/lib/postgresql/15/bin/postgres"]);
  });
});
