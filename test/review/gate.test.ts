import { describe, expect, it } from "vitest";
import type { RawFinding } from "../../src/review/finding.js";
import { agentSkipped, analyzerRan, report, toolchain } from "./report.js";

const at = (source: RawFinding["source"], severity: RawFinding["severity"], path = "lib/demo/accounts.ex", rule = `${source}/x`): RawFinding => ({
  source,
  rule,
  severity,
  path,
  line: 3,
  title: `${source} ${severity} ${path}`,
  message: "m",
});

describe("the merge gate", () => {
  it("succeeds only when every configured check ran and passed", () => {
    expect(report().gate).toEqual({ conclusion: "success", title: "All configured checks passed", reasons: ["every configured check ran and passed the policy"] });
  });

  it("fails on evidence, one reason per policy item", () => {
    const tc = toolchain({
      compile: { status: "failed", findings: [at("compile", "blocker"), at("compile", "minor", "lib/other.ex")] },
      format: { status: "failed", findings: [at("format", "minor")] },
      test: {
        status: "failed",
        tests: { total: 10, passed: 8, failed: 1, invalid: 1, skipped: 0, excluded: 0, completed: true, failures: [] },
        coverage: { total: 71.25, threshold: 90, modules: [] },
      },
      credo: { status: "failed", findings: [at("credo", "major"), at("credo", "minor", "lib/demo/x.ex")] },
      dialyzer: { status: "failed", findings: [at("dialyzer", "minor")] },
    });
    const gate = report({ config: { gate: { compileWarnings: true } }, toolchain: tc, analyzer: analyzerRan([at("analyzer", "blocker")]) }).gate;
    expect(gate.conclusion).toBe("failure");
    expect(gate.reasons).toEqual([
      "1 compile error",
      "1 compile warning",
      "1 file not formatted",
      "2 failing tests",
      "coverage 71.3 % is below 90 %",
      "1 credo issue at priority high or above",
      "1 dialyzer warning",
      "1 analyzer finding at blocker or above",
    ]);
    expect(gate.title.length).toBeLessThanOrEqual(255);
    expect(gate.banner).toBeUndefined();
  });

  it("with scope changed-files, tool findings outside the PR's files do not fail it", () => {
    const tc = toolchain({ credo: { status: "failed", findings: [at("credo", "major", "lib/legacy.ex")] }, format: { status: "failed", findings: [at("format", "minor", "lib/legacy.ex")] } });
    expect(report({ config: { gate: { scope: "changed-files" } }, toolchain: tc }).gate.conclusion).toBe("success");
    expect(report({ toolchain: tc }).gate.reasons).toEqual(["1 file not formatted", "1 credo issue at priority high or above"]);
  });

  it("is neutral with a banner — never success — when a gated check could not run", () => {
    const notRun = report({ toolchain: toolchain({ dialyzer: { status: "not_run", reason: "PLT build timed out after 600 s", command: "mix dialyzer" } }) }).gate;
    expect(notRun).toMatchObject({ conclusion: "neutral", title: "Review incomplete — not every configured check ran" });
    expect(notRun.banner).toBe("The review is incomplete: `mix dialyzer` did not run: PLT build timed out after 600 s.");

    const noToolchain = report({ toolchain: { ran: false, reason: "no sandbox available", sandbox: null, steps: [] } }).gate;
    expect(noToolchain.conclusion).toBe("neutral");
    expect(noToolchain.banner).toContain("the toolchain did not run: no sandbox available");

    const skippedAfterDeps = report({ toolchain: toolchain({ deps: { status: "failed" }, compile: { status: "skipped", reason: "deps failed" } }) }).gate;
    expect(skippedAfterDeps.conclusion).toBe("neutral");
    expect(skippedAfterDeps.banner).toContain("`mix compile` did not run: deps failed");

    const unmeasured = toolchain();
    delete unmeasured.steps.find((s) => s.id === "test")!.coverage;
    expect(report({ toolchain: unmeasured }).gate).toMatchObject({ conclusion: "neutral", banner: "The review is incomplete: coverage was not measured." });
  });

  it("does not wait for checks the policy does not use", () => {
    const tc = toolchain({ dialyzer: { status: "not_run", reason: "PLT missing" }, credo: { status: "skipped", reason: "credo is not a dependency" } });
    expect(report({ config: { gate: { dialyzer: false }, toolchain: { steps: { credo: { enabled: "auto" } } } }, toolchain: tc }).gate.conclusion).toBe("success");
    expect(report({ config: { toolchain: { enabled: false } }, toolchain: { ran: false, reason: "switched off", sandbox: null, steps: [] } }).gate.conclusion).toBe("success");
  });

  it("keeps a failure with evidence a failure, and names what else did not run", () => {
    const tc = toolchain({ test: { status: "failed", tests: { total: 3, passed: 2, failed: 1, invalid: 0, skipped: 0, excluded: 0, completed: true, failures: [] } }, dialyzer: { status: "not_run", reason: "timed out" } });
    const gate = report({ toolchain: tc }).gate;
    expect(gate.conclusion).toBe("failure");
    expect(gate.reasons).toEqual(["1 failing test"]);
    expect(gate.banner).toContain("did not run: timed out");
  });

  it("never lets the model fail a PR unless the repository opts in — and then needs it to have run", () => {
    const agent = { ...agentSkipped, status: "ran" as const, reason: undefined as never, findings: [at("agent", "blocker")], filesSeen: ["lib/demo/accounts.ex"], calls: 1 };
    delete (agent as { reason?: string }).reason;
    expect(report({ agent }).gate.conclusion).toBe("success");
    expect(report({ config: { gate: { agent: "major" } }, agent }).gate).toMatchObject({ conclusion: "failure", reasons: ["1 AI review finding at major or above (opted in)"] });
    const optedInButSkipped = report({ config: { gate: { agent: "major" } } }).gate;
    expect(optedInButSkipped.conclusion).toBe("neutral");
    expect(optedInButSkipped.banner).toContain("the AI review is part of this repository's gate but did not run: ANTHROPIC_API_KEY is not set");
    const partial = report({ config: { gate: { agent: "major" } }, agent: { ...agent, findings: [], status: "partial", reason: "1 of 3 chunks failed" } }).gate;
    expect(partial).toMatchObject({ conclusion: "neutral" });
    expect(partial.banner).toContain("only partly ran: 1 of 3 chunks failed");
  });

  it("an analyzer that should gate but did not run blocks success", () => {
    const gate = report({ analyzer: { ran: false, reason: "tree-sitter grammar missing", findings: [], filesAnalyzed: 0, linesAnalyzed: 0, skipped: [], durationMs: 0 } }).gate;
    expect(gate.conclusion).toBe("neutral");
    expect(gate.banner).toContain("the analyzer did not run: tree-sitter grammar missing");
  });
});
