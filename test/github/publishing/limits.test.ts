import { afterEach, describe, expect, it } from "vitest";
import type { AgentReport } from "../../../src/agent/types.js";
import type { AnalyzerReport } from "../../../src/analyzer/types.js";
import type { RawFinding } from "../../../src/review/finding.js";
import { fakeGitHub, PullScenario, startApp } from "./scenario.js";

const bigFile = Array.from({ length: 600 }, (_, i) => `  def f${i}(x), do: x + ${i}`).join("\n");
const source = (body: string) => `defmodule Big do\n${body}\nend\n`;

function analyzerOver(paths: string[], make: (path: string, line: number) => RawFinding | undefined): () => Promise<AnalyzerReport> {
  return async () => {
    const findings = paths.flatMap((path) => Array.from({ length: 602 }, (_, i) => make(path, i + 1)).filter((f): f is RawFinding => f !== undefined));
    return { ran: true, findings, filesAnalyzed: paths.length, linesAnalyzed: 602, skipped: [], durationMs: 10 };
  };
}

describe("request bodies within GitHub's limits", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("500 findings become annotation batches of at most 50, and at most maxComments inline comments", async () => {
    const pr = new PullScenario({ "lib/big.ex": source("") });
    cleanups.push(() => pr.cleanup());
    const head = pr.push({ "lib/big.ex": source(bigFile) });
    const github = fakeGitHub().diffOf(pr.remote.dir, pr.base, head);
    const analyzer = analyzerOver(["lib/big.ex"], (path, line) =>
      line >= 2 && line <= 501
        ? { source: "analyzer", rule: "style/long-title", severity: line % 7 === 0 ? "major" : "minor", path, line, title: `Finding ${line} ${"x".repeat(400)}`, message: line % 50 === 0 ? "m".repeat(70_000) : "Explain." }
        : undefined,
    );
    const app = await startApp({ stages: { analyzer } });
    await app.receive(pr.payload("opened", head));

    expect(github.violations).toEqual([]);
    const batches = github.calls.filter((c) => c.path === "check-run" && c.body.output?.annotations).map((c) => c.body.output.annotations);
    expect(batches).toHaveLength(10);
    expect(batches.every((b) => b.length === 50)).toBe(true);
    const all = batches.flat();
    expect(new Set(all.map((a: any) => a.start_line)).size).toBe(500);
    expect(all.every((a: any) => a.title.length <= 255 && Buffer.byteLength(a.message) <= 64 * 1024)).toBe(true);
    expect(all.filter((a: any) => a.annotation_level === "failure")).toHaveLength(71);
    const [review] = github.reviewPosts();
    expect(review!.body.comments).toHaveLength(10);
    // Chosen by severity: the ten inline comments are all majors.
    expect(review!.body.comments.every((c: any) => c.body.includes("🔴 major"))).toBe(true);
    const summary = github.completions()[0].output.summary as string;
    expect(summary).toContain("over the limit of 10 comments per review");
    expect(summary).toContain("500 annotation(s).");
  });

  it("a 200 kB summary is truncated with a note, never rejected", async () => {
    const pr = new PullScenario({ "lib/a.ex": "defmodule A do\nend\n" });
    cleanups.push(() => pr.cleanup());
    const head = pr.push({ "lib/a.ex": "defmodule A do\n  def a, do: :ok\nend\n" });
    const github = fakeGitHub().diffOf(pr.remote.dir, pr.base, head);
    const agent = async (): Promise<AgentReport> => ({
      status: "ran",
      model: "claude-test",
      checklist: [{ item: "otp-supervision", status: "pass", evidence: "🧪".repeat(20_000) }],
      findings: [],
      summary: "Ünïcödé review text. ".repeat(10_000),
      filesSeen: ["lib/a.ex"],
      filesNotSeen: [],
      usage: { input: 1200, output: 300, cacheRead: 0, cacheWrite: 0 },
      costUsd: 0.0081,
      calls: 1,
    });
    const app = await startApp({ stages: { agent } });
    await app.receive(pr.payload("opened", head));

    expect(github.violations).toEqual([]);
    const summary = github.completions()[0].output.summary as string;
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(65_535);
    expect(Buffer.byteLength(summary)).toBeGreaterThan(60_000);
    expect(summary).toMatch(/> \*\*Truncated:\*\* \d+ more characters did not fit GitHub's size limit\.$/);
    expect(summary.startsWith("> [!WARNING]")).toBe(true);
  });

  it("a finding on a line outside the diff is never sent as a comment: it is listed in the summary", async () => {
    const body = Array.from({ length: 30 }, (_, i) => `  def g${i}, do: ${i}`).join("\n");
    const pr = new PullScenario({ "lib/a.ex": source(body) });
    cleanups.push(() => pr.cleanup());
    const head = pr.push({ "lib/a.ex": source(`  def new_one, do: :new\n${body}`), "lib/b.ex": "defmodule B do\nend\n" });
    const github = fakeGitHub().diffOf(pr.remote.dir, pr.base, head);
    const analyzer = async (): Promise<AnalyzerReport> => ({
      ran: true,
      findings: [
        { source: "analyzer", rule: "docs/missing-doc", severity: "minor", path: "lib/a.ex", line: 25, title: "Public function without @doc", message: "Document it." },
        { source: "analyzer", rule: "docs/missing-doc", severity: "minor", path: "lib/untouched.ex", line: 3, title: "Public function without @doc", message: "Document it." },
        { source: "analyzer", rule: "project/no-ci", severity: "info", title: "No CI configuration found", message: "Add CI." },
      ],
      filesAnalyzed: 2,
      linesAnalyzed: 40,
      skipped: [],
      durationMs: 1,
    });
    const app = await startApp({ stages: { analyzer } });
    await app.receive(pr.payload("opened", head));

    expect(github.violations).toEqual([]);
    expect(github.reviewPosts()).toEqual([]);
    const summary = github.completions()[0].output.summary as string;
    expect(summary).toContain("No review posted: nothing new to comment on inline.");
    expect(summary).toMatch(/`lib\/a\.ex:25` .* \| line outside the diff \|/);
    expect(summary).toMatch(/`lib\/untouched\.ex:3` .* \| file not changed by this pull request \|/);
    expect(summary).toMatch(/\| project \| analyzer \| No CI configuration found .* \| about the whole project \|/);
  });
});
