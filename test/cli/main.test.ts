import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main, USAGE, type Io } from "../../src/cli/main.js";
import { TestRepo } from "../helpers/git-repo.js";
import { elixirPullRequest } from "../helpers/pr-fixture.js";
import { examplePayload } from "../helpers/probot.js";

function io(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd,
    env: { PATH: process.env.PATH, ELIXIR_AGENT_WORK_DIR: mkdtempSync(join(tmpdir(), "ea-cli-")), ...env },
  };
  return { io: value, out, err };
}

describe("elixir-agent CLI", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("prints usage and rejects unknown commands and bad flags with exit 2", async () => {
    const a = io(process.cwd());
    expect(await main(["help"], a.io)).toBe(0);
    expect(a.out.join("\n")).toBe(USAGE);
    const b = io(process.cwd());
    expect(await main(["frobnicate"], b.io)).toBe(2);
    expect(b.err.join("\n")).toContain("unknown command: frobnicate");
    const c = io(process.cwd());
    expect(await main(["review", "."], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain("--base");
    const d = io(process.cwd());
    expect(await main(["review", "--base", "main", "--format", "xml"], d.io)).toBe(2);
    expect(d.err.join("\n")).toContain("--format must be one of");
  });

  it("analyze: one newline-free block per output (main ends the line), and a named config file must exist", async () => {
    const repo = new TestRepo();
    cleanups.push(() => repo.cleanup());
    repo.write({ "lib/a.ex": "defmodule A do\n  def run, do: spawn(fn -> :ok end)\nend\n" }).commit("one");
    const a = io(repo.dir);
    expect(await main(["analyze", "--format", "json", "--fail-on", "off"], a.io)).toBe(0);
    expect(a.out).toHaveLength(1);
    expect(a.out[0]!.endsWith("\n")).toBe(false);
    expect(JSON.parse(a.out[0]!).findings.map((f: { rule: string }) => f.rule)).toContain("otp/unsupervised-process");
    const b = io(repo.dir);
    expect(await main(["analyze", "--config", "nope.yml"], b.io)).toBe(2);
    expect(b.out).toEqual([]);
    expect(b.err.join("\n")).toContain("cannot read the configuration file nope.yml");
  });

  it("explains a directory that is not a git repository or a ref that does not exist", async () => {
    const empty = mkdtempSync(join(tmpdir(), "ea-empty-"));
    const a = io(empty);
    expect(await main(["review", "--base", "main"], a.io)).toBe(2);
    expect(a.err.join("\n")).toContain("is not inside a git repository");
    const repo = new TestRepo();
    cleanups.push(() => repo.cleanup());
    repo.write({ "a.txt": "a\n" }).commit("one");
    const b = io(repo.dir);
    expect(await main(["review", "--base", "no-such-branch"], b.io)).toBe(2);
    expect(b.err.join("\n")).toContain("--base no-such-branch is not a commit");
  });

  it("reviews a local repository and prints a stable JSON document", async () => {
    const repo = new TestRepo();
    cleanups.push(() => repo.cleanup());
    repo.write({ "README.md": "docs\n" }).commit("base");
    repo.git("checkout", "-q", "-b", "docs");
    repo.write({ "README.md": "better docs\n" }).commit("docs");
    const a = io(repo.dir);
    const code = await main(["review", "--base", "main", "--format", "json", "--quiet"], a.io);
    const report = JSON.parse(a.out.join("\n"));
    expect(report).toMatchObject({
      schemaVersion: 1,
      repo: { owner: "local" },
      files: [{ path: "README.md", status: "modified", additions: 1, deletions: 1, binary: false }],
      toolchain: { ran: false, reason: expect.stringContaining("no mix.exs") },
      gate: { conclusion: expect.any(String), reasons: expect.any(Array) },
    });
    expect(Object.keys(report).sort()).toEqual(
      ["agent", "analyzer", "baseSha", "config", "configSource", "durationMs", "files", "findings", "gate", "headSha", "ignoredRules", "mergeBase", "project", "repo", "schemaVersion", "stages", "toolchain"].sort(),
    );
    expect(code).toBe(report.gate.conclusion === "success" ? 0 : report.gate.conclusion === "failure" ? 1 : 2);

    // --no-agent says that it, not the repository's config, switched the AI review off.
    const b = io(repo.dir);
    await main(["review", "--base", "main", "--format", "json", "--quiet", "--no-agent"], b.io);
    expect(JSON.parse(b.out.join("\n")).agent).toMatchObject({ status: "skipped", reason: "switched off with --no-agent", calls: 0 });
  });

  it("uses the config committed at the base and refuses an invalid one with exit 2", async () => {
    const repo = new TestRepo();
    cleanups.push(() => repo.cleanup());
    repo.write({ ".github/elixir-agent.yml": "gate:\n  credo: sometimes\n", "a.txt": "a\n" }).commit("base");
    repo.git("checkout", "-q", "-b", "x");
    repo.write({ "a.txt": "b\n" }).commit("x");
    const a = io(repo.dir);
    expect(await main(["review", "--base", "main", "--quiet"], a.io)).toBe(2);
    expect(a.err.join("\n")).toMatch(/gate\.credo/);
    const override = join(repo.dir, "ok.yml");
    writeFileSync(override, "review:\n  maxComments: 2\n");
    const b = io(repo.dir);
    await main(["review", "--base", "main", "--quiet", "--format", "json", "--config", "ok.yml"], b.io);
    expect(JSON.parse(b.out.join("\n")).config.review.maxComments).toBe(2);
  });

  it("writes the output to a file with --output", async () => {
    const repo = new TestRepo();
    cleanups.push(() => repo.cleanup());
    repo.write({ "a.txt": "a\n" }).commit("base");
    repo.write({ "a.txt": "b\n" }).commit("change");
    const target = join(repo.dir, "out.sarif");
    const a = io(repo.dir);
    await main(["review", "--base", "HEAD~1", "--format", "sarif", "--quiet", "--output", "out.sarif"], { ...a.io, cwd: repo.dir });
    expect(JSON.parse(readFileSync(target, "utf8"))).toMatchObject({ version: "2.1.0", runs: [{ tool: { driver: { name: "elixir-agent" } } }] });
  });

  it("replays a webhook with the dry-run publisher, printing the GitHub calls it would make", async () => {
    const fx = elixirPullRequest(4);
    cleanups.push(fx.cleanup);
    const payload = examplePayload("pull_request", "opened", (p) => {
      p.repository.clone_url = fx.remote.url;
      p.pull_request.number = 4;
      p.pull_request.head.sha = fx.head;
      p.pull_request.base.sha = fx.base;
      p.pull_request.base.ref = "main";
    });
    const file = join(mkdtempSync(join(tmpdir(), "ea-replay-")), "webhook.json");
    writeFileSync(file, JSON.stringify(payload));
    const a = io(process.cwd());
    const code = await main(["replay", file], a.io);
    expect(a.err).toEqual([]);
    expect(code).toBe(0);
    const printed = a.out.join("\n");
    expect(printed).toContain("[dry-run] POST /app/installations/");
    expect(printed).toContain("[dry-run] POST /repos/Codertocat/Hello-World/check-runs");
    expect(printed).toContain(`"head_sha": "${fx.head}"`);
    expect(printed).toMatch(/\[dry-run\] PATCH \/repos\/Codertocat\/Hello-World\/check-runs\/\d+[\s\S]*"status": "completed"/);
  });
});
