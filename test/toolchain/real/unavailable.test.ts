import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeElixir, runFixture } from "../helpers/real.js";

describeElixir("when the toolchain cannot run, for real", () => {
  it("Hex dependencies that cannot be fetched: dependencies unavailable, never a code failure", { timeout: 300_000 }, async () => {
    // An unreachable mirror makes this deterministic even where hex.pm answers.
    const { report, step } = await runFixture("hexdeps", { env: { HEX_MIRROR: "http://127.0.0.1:9" }, toolchain: { steps: { dialyzer: { enabled: false } } } });
    expect(step("deps")).toMatchObject({ status: "not_run", reason: "dependencies unavailable: Hex could not be installed (hex.pm could not be reached from the sandbox)" });
    for (const id of ["compile", "format", "test"] as const) {
      expect(step(id)).toMatchObject({ status: "skipped", reason: step("deps").reason });
    }
    expect(report.steps.flatMap((s) => s.findings)).toEqual([]);
  });

  it("an Elixir requirement the sandbox does not meet is explained, and compile does not run", { timeout: 300_000 }, async () => {
    const { report, step } = await runFixture("future", { toolchain: { steps: { dialyzer: { enabled: false } } } });
    expect(report.versionWarning).toMatch(/^mix\.exs requires Elixir ~> 1\.99 but the sandbox runs Elixir 1\.\d+\.\d+: Mix refuses to build the project\. \.tool-versions pins Elixir 1\.99\.0 and Erlang\/OTP 30\.0;/);
    expect(step("compile").status).toBe("not_run");
    expect(step("compile").reason).toMatch(/^the project requires Elixir ~> 1\.99 but the sandbox runs 1\.\d+\.\d+$/);
    expect(step("test")).toMatchObject({ status: "skipped" });
    expect(step("test").reason).toMatch(/^needs compile, which did not run/);
  });

  it("no Elixir in the sandbox: the stage did not run and every step says why", { timeout: 120_000 }, async () => {
    const { report } = await runFixture("clean", { env: { PATH: "/nonexistent" } });
    expect(report.ran).toBe(false);
    expect(report.reason).toBe("Elixir could not run in the sandbox: `elixir` is not available in the sandbox");
    expect(report.steps.map((s) => s.status)).toEqual(["not_run", "not_run", "not_run", "not_run", "not_run", "not_run"]);
  });

  it("a hanging test suite times out: not run, with the results it had", { timeout: 300_000 }, async () => {
    const { step } = await runFixture("clean", {
      toolchain: { steps: { test: { timeoutSeconds: 10 }, dialyzer: { enabled: false }, format: { enabled: false } } },
      prepare: (fx) =>
        writeFileSync(
          join(fx.workspace.root, "test/hang_test.exs"),
          'defmodule HangTest do\n  use ExUnit.Case\n  @tag timeout: :infinity\n  test "hangs" do\n    Process.sleep(:infinity)\n  end\nend\n',
        ),
    });
    const test = step("test");
    expect(test.status).toBe("not_run");
    expect(test.reason).toMatch(/timed out after 10 s/);
    expect(test.tests?.completed ?? false).toBe(false);
  });

  it("a project without a test directory: tests not run, and no finding blames the code", { timeout: 300_000 }, async () => {
    const { report, step } = await runFixture("clean", {
      toolchain: { steps: { dialyzer: { enabled: false } } },
      prepare: (fx) => rmSync(join(fx.workspace.root, "test"), { recursive: true, force: true }),
    });
    expect(step("compile").status).toBe("passed");
    expect(step("test")).toMatchObject({ status: "not_run", reason: "no test suite: the project has no test directory (test/test_helper.exs), so no test ran" });
    expect(report.steps.flatMap((s) => s.findings)).toEqual([]);
  });

  it("a test run that crashes before any test (a process exit nothing locates): not run with the exception, no finding", { timeout: 300_000 }, async () => {
    const { report, step } = await runFixture("clean", {
      toolchain: { steps: { dialyzer: { enabled: false }, format: { enabled: false } } },
      prepare: (fx) => writeFileSync(join(fx.workspace.root, "test/test_helper.exs"), "ExUnit.start()\nGenServer.call(:no_such_server, :ping)\n"),
    });
    expect(step("test")).toMatchObject({ status: "not_run", findings: [] });
    expect(step("test").reason).toMatch(/^mix test exited with status 1 before any test ran: \*\* \(exit\) exited in: GenServer\.call\(:no_such_server, :ping, 5000\)/);
    expect(report.steps.flatMap((s) => s.findings)).toEqual([]);
  });
});
