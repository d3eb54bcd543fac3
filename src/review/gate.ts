import type { AgentReport } from "../agent/types.js";
import type { AnalyzerReport } from "../analyzer/types.js";
import type { Config } from "../config/schema.js";
import type { GateResult } from "../pipeline/types.js";
import type { ToolchainReport } from "../toolchain/types.js";
import { atLeast, type Finding, type Severity } from "./finding.js";

/** credo priority names as the gate's threshold → the finding severity the credo step assigns. */
export const CREDO_PRIORITY_SEVERITY: Record<Exclude<Config["gate"]["credo"], "off">, Severity> = {
  higher: "blocker",
  high: "major",
  normal: "minor",
  low: "info",
};

export interface GateInput {
  config: Config;
  hasMixProject: boolean;
  toolchain: ToolchainReport;
  analyzer: AnalyzerReport;
  agent: AgentReport;
  findings: readonly Finding[];
  changedPaths: ReadonlySet<string>;
}

/**
 * The merge gate: deterministic, from evidence and policy. `failure` needs evidence; `success`
 * needs every configured check to have run; anything in between is `neutral` with a banner.
 * The model never decides alone (agent findings count only when the repo opts in).
 */
export function decideGate(input: GateInput): GateResult {
  const { config, toolchain } = input;
  const gate = config.gate;
  const reasons: string[] = [];
  const incomplete: string[] = [];
  const inScope = (f: Finding) => gate.scope === "all" || (f.path !== undefined && input.changedPaths.has(f.path));
  const count = (pred: (f: Finding) => boolean) => input.findings.filter(pred).length;
  const step = (id: string) => toolchain.steps.find((s) => s.id === id);

  if (config.toolchain.enabled && input.hasMixProject) {
    if (!toolchain.ran) incomplete.push(`the toolchain did not run: ${toolchain.reason ?? "unknown reason"}`);
    for (const s of toolchain.steps) {
      if (s.status === "not_run") incomplete.push(`\`${s.id}\` could not run: ${s.reason ?? "unknown reason"}`);
    }
  }

  if (config.analyzer.enabled && !input.analyzer.ran) {
    incomplete.push(`the analyzer did not run: ${input.analyzer.reason ?? "unknown reason"}`);
  }

  const compileErrors = count((f) => f.source === "compile" && f.severity === "blocker");
  if (gate.compileErrors && (compileErrors > 0 || step("compile")?.status === "failed")) {
    reasons.push(compileErrors > 0 ? `${plural(compileErrors, "compile error")}` : "compilation failed");
  }
  const warnings = count((f) => f.source === "compile" && f.severity !== "blocker" && inScope(f));
  if (gate.compileWarnings && warnings > 0) reasons.push(plural(warnings, "compile warning"));

  if (gate.unformatted && step("format")?.status === "failed") {
    const files = new Set(input.findings.filter((f) => f.source === "format").map((f) => f.path)).size;
    reasons.push(files > 0 ? `${plural(files, "file")} not formatted` : "mix format --check-formatted failed");
  }

  const tests = step("test");
  if (gate.failingTests && tests?.tests) {
    const bad = tests.tests.failed + tests.tests.invalid;
    if (bad > 0) reasons.push(`${plural(bad, "failing test")}`);
    else if (!tests.tests.completed && tests.status === "failed") reasons.push("the test suite crashed before finishing");
  } else if (gate.failingTests && tests?.status === "failed") {
    reasons.push("mix test failed");
  }
  const coverage = tests?.coverage;
  if (gate.coverage && coverage && coverage.total < coverage.threshold) {
    reasons.push(`coverage ${coverage.total.toFixed(1)} % is below ${coverage.threshold} %`);
  }

  if (gate.credo !== "off") {
    const threshold = CREDO_PRIORITY_SEVERITY[gate.credo];
    const n = count((f) => f.source === "credo" && atLeast(f.severity, threshold) && inScope(f));
    if (n > 0) reasons.push(`${plural(n, "credo issue")} at priority ${gate.credo} or above`);
  }
  if (gate.dialyzer) {
    const n = count((f) => f.source === "dialyzer" && inScope(f));
    if (n > 0) reasons.push(plural(n, "dialyzer warning"));
  }
  if (gate.analyzer !== "off") {
    const threshold = gate.analyzer;
    const n = count((f) => f.source === "analyzer" && atLeast(f.severity, threshold));
    if (n > 0) reasons.push(`${plural(n, "analyzer finding")} at ${threshold} or above`);
  }
  if (gate.agent !== "off") {
    const threshold = gate.agent;
    if (input.agent.status === "skipped" || input.agent.status === "failed") {
      incomplete.push(`the AI review is part of this repository's gate but did not run: ${input.agent.reason ?? "unavailable"}`);
    } else {
      const n = count((f) => f.source === "agent" && atLeast(f.severity, threshold));
      if (n > 0) reasons.push(`${plural(n, "AI review finding")} at ${threshold} or above (opted in)`);
    }
  }

  const banner =
    incomplete.length > 0 ? `The review is incomplete: ${incomplete.join("; ")}.` : undefined;
  if (reasons.length > 0) {
    return { conclusion: "failure", title: `Failing: ${reasons.join(", ")}`.slice(0, 255), reasons, ...(banner ? { banner } : {}) };
  }
  if (banner) {
    return { conclusion: "neutral", title: "Review incomplete — not every configured check ran", reasons: incomplete, banner };
  }
  return { conclusion: "success", title: "All configured checks passed", reasons: ["every configured check ran and passed the policy"] };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
