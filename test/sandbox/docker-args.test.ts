import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dockerKillArgs, dockerNetworkCreateArgs, dockerNetworkRemoveArgs, dockerRunArgs, type DockerRunPlan } from "../../src/sandbox/docker/args.js";
import { DEFAULT_DOCKER_IMAGE, dockerImageFor } from "../../src/sandbox/docker/image.js";
import { DEFAULT_LIMITS } from "../../src/sandbox/index.js";
import { dockerPostgresReadyArgs, dockerPostgresRemoveArgs, dockerPostgresRunArgs } from "../../src/sandbox/postgres/docker.js";
import { which } from "../../src/sandbox/which.js";

// No Docker engine runs on these machines: the vectors are the product, tested as data and
// against the real CLI's own argument parser (below).
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

  it("keeps the container's stdin open only for a run that has stdin", () => {
    expect(dockerRunArgs({ ...plan, interactive: true })).toContain("--interactive");
    expect(dockerRunArgs(plan)).not.toContain("--interactive");
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
  const image = "registry.example/postgres:15.6";
  const args = dockerPostgresRunArgs({ name: "p", image, memoryBytes: 512 * 1024 ** 2, processes: 128 });
  const value = (flag: string) => args[args.indexOf(flag) + 1];
  const values = (flag: string) => args.flatMap((arg, i) => (arg === flag ? [args[i + 1] ?? ""] : []));

  it("runs without network, capabilities or root, with data on tmpfs", () => {
    expect(args.slice(0, 3)).toEqual(["run", "--detach", "--rm"]);
    expect(value("--name")).toBe("p");
    expect(value("--network")).toBe("none");
    expect(args).toContain("--read-only");
    expect(value("--cap-drop")).toBe("ALL");
    expect(value("--security-opt")).toBe("no-new-privileges");
    expect(value("--user")).toBe("postgres");
    expect(value("--pids-limit")).toBe("128");
    expect(value("--memory")).toBe(`${512 * 1024 ** 2}b`);
    expect(value("--memory-swap")).toBe(value("--memory"));
    // The cluster lives on one of the tmpfs mounts, so it dies with the container.
    const tmpfs = values("--tmpfs").map((spec) => spec.split(":")[0] ?? "");
    const pgdata = values("--env").find((env) => env.startsWith("PGDATA="))?.slice("PGDATA=".length) ?? "";
    expect(tmpfs.some((mount) => pgdata.startsWith(`${mount}/`))).toBe(true);
    expect(values("--env")).toContain("POSTGRES_HOST_AUTH_METHOD=trust");
  });

  it("hands the server only `-c` settings after the image", () => {
    const server = args.slice(args.indexOf(image) + 1);
    expect(server.length).toBeGreaterThan(0);
    expect(server.filter((_, i) => i % 2 === 0).every((flag) => flag === "-c")).toBe(true);
    expect(server).toContain("fsync=off");
  });

  it("probes and removes the sidecar by name", () => {
    expect(dockerPostgresReadyArgs("p")).toEqual(["exec", "p", "pg_isready", "-q", "-h", "127.0.0.1", "-U", "postgres"]);
    expect(dockerPostgresRemoveArgs("p")).toEqual(["rm", "--force", "p"]);
  });
});

/**
 * No daemon runs here, but the real docker CLI parses and validates every flag (`--mount`,
 * `--memory`, `--ulimit`, `--cpus` …) before it connects. Pointed at a socket that cannot exist,
 * a vector it accepts ends in "Cannot connect"; a wrong one ends in its parse error.
 */
const DOCKER = which("docker", process.env.PATH);
describe.skipIf(!DOCKER)("the real docker CLI accepts every vector", () => {
  const home = mkdtempSync(join(tmpdir(), "ea-docker-cli-"));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const cli = (args: readonly string[]) => {
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, DOCKER_CONFIG: home, DOCKER_HOST: "unix:///nonexistent/elixir-agent-no-daemon.sock" };
    const result = spawnSync(DOCKER!, args, { env, encoding: "utf8", timeout: 30_000 });
    return `${result.stderr}${result.stdout}`;
  };
  const NO_DAEMON = /Cannot connect to the Docker daemon at unix:\/\/\/nonexistent/;

  it("sandbox runs: plain, interactive, deps network, sharing the database's loopback", () => {
    for (const variant of [plan, { ...plan, interactive: true }, { ...plan, network: "elixir-agent-0123456789ab-deps" }, { ...plan, network: "container:p", writablePaths: ["/cache/deps"] }]) {
      expect(cli(dockerRunArgs(variant))).toMatch(NO_DAEMON);
    }
  });

  it("the deps network, kill, and the PostgreSQL sidecar", () => {
    for (const args of [
      dockerNetworkCreateArgs("n-deps"),
      dockerNetworkRemoveArgs("n-deps"),
      dockerKillArgs("n"),
      dockerPostgresRunArgs({ name: "p", image: "postgres:15", memoryBytes: 1024 ** 3, processes: 256 }),
      dockerPostgresReadyArgs("p"),
      dockerPostgresRemoveArgs("p"),
    ]) {
      expect(cli(args)).toMatch(NO_DAEMON);
    }
  });

  it("rejects a malformed vector before connecting (the checks above can fail)", () => {
    const args = dockerRunArgs(plan);
    args[args.indexOf("--memory") + 1] = "2q";
    const said = cli(args);
    expect(said).not.toMatch(NO_DAEMON);
    expect(said).toMatch(/invalid argument "2q"/);
  });
});
