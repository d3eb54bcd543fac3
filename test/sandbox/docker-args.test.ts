import { describe, expect, it } from "vitest";
import { dockerKillArgs, dockerNetworkCreateArgs, dockerNetworkRemoveArgs, dockerRunArgs, type DockerRunPlan } from "../../src/sandbox/docker/args.js";
import { DEFAULT_DOCKER_IMAGE, dockerImageFor } from "../../src/sandbox/docker/image.js";
import { DEFAULT_LIMITS } from "../../src/sandbox/index.js";
import { dockerPostgresReadyArgs, dockerPostgresRemoveArgs, dockerPostgresRunArgs } from "../../src/sandbox/postgres/docker.js";

// No Docker engine runs on these machines: the vectors are the product, tested as data.
const plan: DockerRunPlan = {
  name: "elixir-agent-0123456789ab-run-1",
  image: "elixir:1.15.7-otp-26",
  network: "none",
  uid: 1800000001,
  gid: 1800000001,
  limits: { ...DEFAULT_LIMITS, memoryBytes: 2 * 1024 ** 3, processes: 256, cpuSeconds: 600, cpus: 1.5 },
  tmpBytes: 1024 ** 3,
  workspace: "/work/job/repo",
  gitDir: "/work/job/repo/.git",
  home: "/work/job/sandbox/home",
  readOnlyPaths: ["/app/agent/elixir"],
  writablePaths: [],
  cwd: "/work/job/repo",
  env: { MIX_ENV: "test", HOME: "/work/job/sandbox/home" },
  command: "mix",
  args: ["test", "--cover"],
};

describe("dockerRunArgs", () => {
  it("is the whole hardened vector", () => {
    expect(dockerRunArgs(plan)).toEqual([
      "run", "--rm", "--init", "--name", "elixir-agent-0123456789ab-run-1", "--hostname", "sandbox",
      "--network", "none",
      "--read-only", "--tmpfs", "/tmp:rw,nosuid,nodev,size=1073741824",
      "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
      "--user", "1800000001:1800000001",
      "--pids-limit", "256",
      "--memory", "2147483648b", "--memory-swap", "2147483648b",
      "--cpus", "1.5",
      "--ulimit", "cpu=600:605", "--ulimit", "core=0",
      "--log-driver", "none",
      "--mount", "type=bind,source=/work/job/repo,target=/work/job/repo",
      "--mount", "type=bind,source=/work/job/repo/.git,target=/work/job/repo/.git,readonly",
      "--mount", "type=bind,source=/work/job/sandbox/home,target=/work/job/sandbox/home",
      "--mount", "type=bind,source=/app/agent/elixir,target=/app/agent/elixir,readonly",
      "--workdir", "/work/job/repo",
      "--env", "MIX_ENV=test", "--env", "HOME=/work/job/sandbox/home",
      "--entrypoint", "", "elixir:1.15.7-otp-26", "mix", "test", "--cover",
    ]);
  });

  it("uses the job's deps network only when asked, and shares the database's loopback otherwise", () => {
    expect(dockerRunArgs({ ...plan, network: "elixir-agent-0123456789ab-deps" })).toContain("elixir-agent-0123456789ab-deps");
    const withDb = dockerRunArgs({ ...plan, network: "container:elixir-agent-0123456789ab-postgres" });
    expect(withDb).toContain("container:elixir-agent-0123456789ab-postgres");
    // Docker refuses --hostname together with a container network.
    expect(withDb).not.toContain("--hostname");
  });

  it("never runs as root and always caps memory including swap", () => {
    const args = dockerRunArgs(plan);
    const user = args[args.indexOf("--user") + 1];
    expect(user?.startsWith("0:")).toBe(false);
    expect(args[args.indexOf("--memory") + 1]).toBe(args[args.indexOf("--memory-swap") + 1]);
  });

  it("refuses bind paths that would change the meaning of --mount", () => {
    expect(() => dockerRunArgs({ ...plan, workspace: "/work/a,readonly=false" })).toThrow(/cannot bind/);
  });

  it("kills, creates and removes by name", () => {
    expect(dockerKillArgs("n")).toEqual(["kill", "--signal", "KILL", "n"]);
    expect(dockerNetworkCreateArgs("n-deps")).toEqual(["network", "create", "--driver", "bridge", "--label", "elixir-agent=deps", "n-deps"]);
    expect(dockerNetworkRemoveArgs("n-deps")).toEqual(["network", "rm", "n-deps"]);
  });
});

describe("dockerImageFor", () => {
  it("prefers the operator's image", () => {
    expect(dockerImageFor({ elixir: "1.15.7-otp-26" }, "registry.example/elixir:ci")).toBe("registry.example/elixir:ci");
  });

  it("tags the official image from .tool-versions", () => {
    expect(dockerImageFor({ elixir: "1.15.7-otp-26" })).toBe("elixir:1.15.7-otp-26");
    expect(dockerImageFor({ elixir: "1.16" })).toBe("elixir:1.16");
    expect(dockerImageFor({ elixir: " 1.14.5 " })).toBe("elixir:1.14.5");
  });

  it("falls back to the default for anything else the PR wrote there", () => {
    for (const elixir of ["ref:v1.15.0", "system", "1.15; rm -rf /", "latest@sha256:x", "", "master"]) {
      expect(dockerImageFor({ elixir })).toBe(DEFAULT_DOCKER_IMAGE);
    }
    expect(dockerImageFor(undefined)).toBe(DEFAULT_DOCKER_IMAGE);
  });
});

describe("PostgreSQL sidecar", () => {
  it("runs without network, capabilities or root, with data on tmpfs", () => {
    expect(dockerPostgresRunArgs({ name: "p", image: "postgres:15", memoryBytes: 1024 ** 3, processes: 128 })).toEqual([
      "run", "--detach", "--rm", "--name", "p",
      "--network", "none",
      "--read-only",
      "--tmpfs", "/var/lib/postgresql/data:rw,mode=1777",
      "--tmpfs", "/var/run/postgresql:rw,mode=1777",
      "--tmpfs", "/tmp:rw,mode=1777",
      "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
      "--user", "postgres",
      "--pids-limit", "128",
      "--memory", "1073741824b", "--memory-swap", "1073741824b",
      "--env", "POSTGRES_HOST_AUTH_METHOD=trust",
      "--env", "PGDATA=/var/lib/postgresql/data/pgdata",
      "postgres:15",
      "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
    ]);
    expect(dockerPostgresReadyArgs("p")).toEqual(["exec", "p", "pg_isready", "-q", "-h", "127.0.0.1", "-U", "postgres"]);
    expect(dockerPostgresRemoveArgs("p")).toEqual(["rm", "--force", "p"]);
  });
});
