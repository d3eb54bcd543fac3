import { afterEach, describe, expect, it } from "vitest";
import { runAnalyzeCommand } from "../../src/cli/analyze.js";
import { RULES } from "../../src/analyzer/registry.js";
import { TestRepo } from "../helpers/git-repo.js";

const SERVER = `defmodule App.Worker do
  @moduledoc "Runs jobs."

  def run(job) do
    spawn(fn -> job.() end)
  end
end
`;
const CONFIG_OK = "analyzer:\n  severity:\n    otp/unsupervised-process: blocker\n";

async function run(argv: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await runAnalyzeCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

describe("elixir-agent analyze", () => {
  let repo: TestRepo;
  afterEach(() => repo?.cleanup());

  function project(files: Record<string, string> = {}): TestRepo {
    repo = new TestRepo();
    repo.write({ "mix.exs": "defmodule App.MixProject do\nend\n", "lib/app/worker.ex": SERVER, ...files });
    repo.commit("init");
    return repo;
  }

  it("prints findings and a per-rule summary as text; exits 0 below the gate", async () => {
    project();
    const { code, stdout, stderr } = await run([], repo.dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("lib/app/worker.ex:5:5  major  otp/unsupervised-process  `spawn` outside a supervision tree");
    expect(stdout).toMatch(/1 finding\(s\) in 2 file\(s\), \d+ lines/);
    expect(stdout).toMatch(/otp\/unsupervised-process\s+1\s+\d+\.\d\d\/kLOC/);
  });

  it("uses the repository configuration and exits 1 when a finding reaches the gate", async () => {
    project({ ".github/elixir-agent.yml": CONFIG_OK });
    const { code, stdout } = await run(["--format", "json"], `${repo.dir}/lib`);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ source: "analyzer", rule: "otp/unsupervised-process", severity: "blocker", path: "lib/app/worker.ex", line: 5 });
    expect(report.rules).toHaveLength(RULES.length);
  });

  it("writes SARIF 2.1.0 with the rule catalogue", async () => {
    project();
    const { stdout } = await run(["--format", "sarif", "lib"], repo.dir);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe("2.1.0");
    const [runOut] = sarif.runs;
    expect(runOut.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(runOut.results).toHaveLength(1);
    expect(runOut.results[0]).toMatchObject({
      ruleId: "otp/unsupervised-process",
      level: "error",
      locations: [{ physicalLocation: { artifactLocation: { uri: "lib/app/worker.ex" }, region: { startLine: 5, startColumn: 5 } } }],
    });
  });

  it("limits findings to the change with --base", async () => {
    project();
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "lib/app/worker.ex": SERVER.replace("  end\nend", "  end\n\n  def later(job), do: Task.start(job)\nend") });
    repo.commit("feature");
    const { code, stdout } = await run(["--base", "main", "--format", "json", "--rule", "otp/*"], repo.dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).findings.map((f: { line: number }) => f.line)).toEqual([8]);
  });

  it("rejects bad input with an actionable message and exit code 2", async () => {
    project({ ".github/elixir-agent.yml": "analyzer:\n  scope: sometimes\n" });
    const badConfig = await run([], repo.dir);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/\.github\/elixir-agent\.yml has invalid settings/);
    expect(badConfig.stderr).toMatch(/scope/);

    repo.remove(".github");
    for (const [argv, message] of [
      [["--format", "xml"], /unknown --format: xml/],
      [["--scope", "changed-lines"], /needs --base/],
      [["--rule", "nope/none"], /no rule matches nope\/none/],
      [["../elsewhere"], /outside the repository/],
      [["README.md"], /no such file or directory|not an Elixir source/],
      [["--fail-on", "critical"], /unknown --fail-on/],
      [["--base", "no-such-branch"], /cannot compute the change against no-such-branch/],
    ] as const) {
      const result = await run([...argv], repo.dir);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it("prints usage with --help", async () => {
    project();
    const { code, stdout } = await run(["--help"], repo.dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: elixir-agent analyze/);
  });
});
