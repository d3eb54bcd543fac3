import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_PG_BIN, needsDatabase, openJobSandbox, SandboxUnavailableError } from "../../src/sandbox/index.js";
import { type Job, makeJob, SKIP_BWRAP } from "./helpers.js";

const SKIP_PG = SKIP_BWRAP || (!existsSync(join(DEFAULT_PG_BIN, "initdb")) && process.env.REQUIRE_BWRAP !== "1" && process.env.REQUIRE_ELIXIR !== "1");

describe("needsDatabase", () => {
  it("follows toolchain.database, `auto` meaning ecto_sql + postgrex", () => {
    expect(needsDatabase("auto", { ectoSql: true, postgrex: true })).toBe(true);
    expect(needsDatabase("auto", { ectoSql: true, postgrex: false })).toBe(false);
    expect(needsDatabase("postgres", { ectoSql: false, postgrex: false })).toBe(true);
    expect(needsDatabase("none", { ectoSql: true, postgrex: true })).toBe(false);
  });
});

describe("openJobSandbox", () => {
  let job: Job | undefined;
  afterEach(() => job?.cleanup());

  it("refuses `none` for the app before anything starts", async () => {
    job = makeJob();
    const error = await openJobSandbox({ setting: "none", context: "app", workspace: job.workspace, jobDir: job.jobDir, database: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxUnavailableError);
    expect(existsSync(join(job.jobDir, "postgres"))).toBe(false);
  });

  it("gives the CLI its warning with `none`", async () => {
    job = makeJob();
    const sandbox = await openJobSandbox({ setting: "none", context: "cli", workspace: job.workspace, jobDir: job.jobDir, database: false });
    expect(sandbox.backend).toBe("none");
    expect(sandbox.warning).toContain("NO SANDBOX");
    await sandbox.dispose();
  });

  it.skipIf(SKIP_PG)("opens bubblewrap with the job's database attached, and dispose() stops it", async () => {
    job = makeJob();
    const sandbox = await openJobSandbox({ setting: "auto", context: "app", workspace: job.workspace, jobDir: job.jobDir, database: true });
    expect(sandbox.backend).toBe("bubblewrap");
    expect(sandbox.warning).toBeUndefined();
    const result = await sandbox.run({ command: "sh", args: ["-c", 'psql "$DATABASE_URL" -At -c "select 1"'], cwd: job.workspace });
    expect(result.stdout).toBe("1\n");
    await sandbox.dispose();
    expect(existsSync(join(job.jobDir, "postgres"))).toBe(false);
  });
});
