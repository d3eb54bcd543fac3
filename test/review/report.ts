import { agentNotRun } from "../../src/agent/not-run.js";
import type { AgentReport } from "../../src/agent/types.js";
import type { AnalyzerReport } from "../../src/analyzer/types.js";
import { ConfigSchema, type ConfigInput } from "../../src/config/schema.js";
import type { ReviewReport } from "../../src/pipeline/types.js";
import { decideGate } from "../../src/review/gate.js";
import { collectFindings } from "../../src/review/collect.js";
import type { RawFinding } from "../../src/review/finding.js";
import type { StepResult, ToolchainReport } from "../../src/toolchain/types.js";

export const passed = (id: StepResult["id"], extra: Partial<StepResult> = {}): StepResult => ({ id, status: "passed", durationMs: 1200, findings: [], command: `mix ${id}`, ...extra });

/** A toolchain run of a Phoenix project: every step ran and passed unless overridden. */
export function toolchain(overrides: Partial<Record<StepResult["id"], Partial<StepResult>>> = {}): ToolchainReport {
  const steps = (["deps", "compile", "format", "test", "credo", "dialyzer"] as const).map((id) => passed(id, overrides[id] ?? {}));
  const test = steps.find((s) => s.id === "test")!;
  test.tests ??= { total: 42, passed: 42, failed: 0, skipped: 0, excluded: 0, invalid: 0, seed: 1234, completed: true, failures: [] };
  test.coverage ??= { total: 93.4, threshold: 90, modules: [{ module: "Demo.Accounts", path: "lib/demo/accounts.ex", percent: 88.2 }] };
  return { ran: true, sandbox: "bubblewrap", versions: { elixir: "1.14.0", otp: "25" }, steps };
}

export const analyzerRan = (findings: RawFinding[] = []): AnalyzerReport => ({ ran: true, findings, filesAnalyzed: 3, linesAnalyzed: 240, skipped: [], durationMs: 35 });

export const agentSkipped: AgentReport = agentNotRun("skipped", "ANTHROPIC_API_KEY is not set");

/** A full report as the pipeline builds it, with the gate decided by the real policy. */
export function report(parts: { config?: ConfigInput; toolchain?: ToolchainReport; analyzer?: AnalyzerReport; agent?: AgentReport; raw?: RawFinding[] } = {}): ReviewReport {
  const config = ConfigSchema.parse(parts.config ?? {});
  const tc = parts.toolchain ?? toolchain();
  const analyzer = parts.analyzer ?? analyzerRan();
  const agent = parts.agent ?? agentSkipped;
  const raw = [...tc.steps.flatMap((s) => s.findings), ...analyzer.findings, ...agent.findings, ...(parts.raw ?? [])];
  const findings = collectFindings(raw, { ignorePaths: config.review.ignorePaths, ignoredRules: [], codeAt: (_p, line) => `code line ${line}` });
  const changedPaths = new Set(["lib/demo/accounts.ex", "lib/demo_web/live/page_live.ex"]);
  const gate = decideGate({ config, hasMixProject: true, toolchain: tc, analyzer, agent, findings, changedPaths });
  return {
    schemaVersion: 1,
    repo: { owner: "acme", name: "shop" },
    pr: { number: 7, title: "Add accounts" },
    headSha: "a".repeat(40),
    baseSha: "b".repeat(40),
    mergeBase: "c".repeat(40),
    config,
    configSource: "file",
    project: {
      mix: true,
      umbrella: false,
      apps: [],
      deps: { phoenix: true, phoenixLiveView: true, absinthe: false, ecto: true, ectoSql: true, postgrex: true, credo: true, dialyxir: true, excoveralls: false },
    },
    files: [...changedPaths].map((path) => ({ path, status: "modified" as const, additions: 10, deletions: 2, binary: false })),
    toolchain: tc,
    analyzer,
    agent,
    findings,
    ignoredRules: [],
    gate,
    stages: [],
    durationMs: 83_000,
  };
}
