import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, DEFAULT_PG_BIN, type PostgresService, startPostgres } from "../../src/sandbox/index.js";
import { hostProcessesMatching, type Job, makeJob, SKIP_BWRAP } from "./helpers.js";

const HAVE_PG = existsSync(join(DEFAULT_PG_BIN, "initdb"));
const SKIP = SKIP_BWRAP || (!HAVE_PG && process.env.REQUIRE_BWRAP !== "1" && process.env.REQUIRE_ELIXIR !== "1");

describe.skipIf(SKIP)("disposable PostgreSQL", () => {
  let job: Job | undefined;
  let pg: PostgresService | undefined;
  afterEach(async () => {
    await pg?.stop();
    job?.cleanup();
    pg = undefined;
  });

  it("answers psql \"$DATABASE_URL\" from inside the bubblewrap sandbox", async () => {
    job = makeJob();
    pg = await startPostgres({ jobDir: job.jobDir });
    expect(pg.env).toMatchObject({ PGUSER: "postgres", PGDATABASE: "postgres", PGPORT: "5432", PGHOST: join(job.jobDir, "postgres", "socket") });
    expect(pg.ectoUrl).toBe(`ecto://postgres@localhost:5432/postgres?socket_dir=${encodeURIComponent(join(job.jobDir, "postgres", "socket"))}`);
    const sandbox = await createSandbox("bubblewrap", { workspace: job.workspace, jobDir: job.jobDir, services: [pg] });
    const result = await sandbox.run({ command: "psql", args: ["-v", "ON_ERROR_STOP=1", "-c", "select 1 as one"], cwd: job.workspace });
    expect(result.stderr).toBe("");
    const viaUrl = await sandbox.run({ command: "sh", args: ["-c", 'psql "$DATABASE_URL" -At -c "select 40 + 2"'], cwd: job.workspace });
    expect(viaUrl.exitCode).toBe(0);
    expect(viaUrl.stdout).toBe("42\n");
    expect(result.stdout).toContain("(1 row)");
    // The project's own tables live and die with the job.
    const ddl = await sandbox.run({ command: "psql", args: ["-At", "-c", "create database app_test", "-c", "create table t (x int)", "-c", "insert into t values (7)", "-c", "select x from t"], cwd: job.workspace });
    expect(ddl.stdout.trim().split("\n").at(-1)).toBe("7");
  });

  it("confines the server too: COPY … TO PROGRAM runs in a sandbox without network or the host's files", async () => {
    job = makeJob();
    pg = await startPostgres({ jobDir: job.jobDir });
    const sandbox = await createSandbox("bubblewrap", { workspace: job.workspace, jobDir: job.jobDir, services: [pg] });
    const target = join(process.cwd(), "ea-pg-escape-canary");
    const result = await sandbox.run({
      command: "psql",
      args: ["-c", `copy (select 1) to program 'touch ${target}'`, "-c", "copy (select 1) to program 'touch /usr/ea-pg-canary'"],
      cwd: job.workspace,
    });
    expect(result.stderr).toMatch(/program .* failed/);
    expect(existsSync(target)).toBe(false);
    expect(existsSync("/usr/ea-pg-canary")).toBe(false);
  });

  it("stop() removes the server and its data", async () => {
    job = makeJob();
    pg = await startPostgres({ jobDir: job.jobDir });
    const socket = pg.env.PGHOST!;
    expect(existsSync(join(socket, ".s.PGSQL.5432"))).toBe(true);
    await pg.stop();
    await pg.stop();
    expect(existsSync(join(job.jobDir, "postgres"))).toBe(false);
    expect(hostProcessesMatching(join(job.jobDir, "postgres", "data"))).toEqual([]);
  });

  it("is torn down when the job is aborted", async () => {
    job = makeJob();
    const controller = new AbortController();
    const service = await startPostgres({ jobDir: job.jobDir, signal: controller.signal });
    controller.abort();
    // stop() is idempotent: awaiting it waits for the teardown the abort started.
    await service.stop();
    expect(existsSync(join(job.jobDir, "postgres"))).toBe(false);
    expect(hostProcessesMatching(join(job.jobDir, "postgres", "data"))).toEqual([]);
  });

  it("runs unsandboxed for the `none` backend (still not as root)", async () => {
    job = makeJob();
    pg = await startPostgres({ jobDir: job.jobDir, backend: "none" });
    const sandbox = await createSandbox("none", { workspace: job.workspace, jobDir: job.jobDir, services: [pg] });
    const result = await sandbox.run({ command: "psql", args: ["-At", "-c", "select current_user"], cwd: job.workspace });
    expect(result.stdout).toBe("postgres\n");
  });
});
