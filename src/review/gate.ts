import type { AgentReport } from "../agent/types.js";
import type { AnalyzerReport } from "../analyzer/types.js";
import type { Config, StepId } from "../config/schema.js";
import type { GateResult } from "../pipeline/types.js";
import type { StepResult, ToolchainReport } from "../toolchain/types.js";
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
 * The merge gate: deterministic, from evidence and policy.
 * - `failure` needs evidence from a check the policy switches on (a compile error, a failing
 *   test …). The AI review counts only when the repository opts in (`gate.agent`).
 * - `success` needs every check the policy switches on to have run and passed.
 * - otherwise `neutral`, with a banner naming what did not run and why.
 * A failure with evidence stays a failure when some other check could not run; the banner says so.
 */
export function decideGate(input: GateInput): GateResult {
  const reasons = failures(input);
  const incomplete = missing(input);
  const banner = incomplete.length > 0 ? `The review is incomplete: ${incomplete.join("; ").replace(/\.$/, "")}.` : undefined;
  if (reasons.length > 0) {
    return { conclusion: "failure", title: clip(`Failing: ${reasons.join(", ")}`), reasons, ...(banner ? { banner } : {}) };
  }
  if (banner) return { conclusion: "neutral", title: "Review incomplete — not every configured check ran", reasons: incomplete, banner };
  return { conclusion: "success", title: "All configured checks passed", reasons: ["every configured check ran and passed the policy"] };
}

/** Which toolchain steps the policy relies on, given the gate switches. */
function gatedSteps(gate: Config["gate"]): StepId[] {
  const steps: StepId[] = [];
  if (gate.compileErrors || gate.compileWarnings) steps.push("compile");
  if (gate.unformatted) steps.push("format");
  if (gate.failingTests || gate.coverage) steps.push("test");
  if (gate.credo !== "off") steps.push("credo");
  if (gate.dialyzer) steps.push("dialyzer");
  return steps;
}

/** The checks the policy switches on that did not run, each with its reason. */
function missing(input: GateInput): string[] {
  const { config, toolchain } = input;
  const out: string[] = [];
  if (config.toolchain.enabled && input.hasMixProject) {
    if (!toolchain.ran) out.push(`the toolchain did not run: ${toolchain.reason ?? "unknown reason"}`);
    else {
      for (const id of gatedSteps(config.gate)) {
        const enabled = config.toolchain.steps[id].enabled;
        if (enabled === false) continue;
        const step = toolchain.steps.find((s) => s.id === id);
        if (!step) {
          if (enabled === true) out.push(`\`${id}\` did not run`);
        } else if (step.status === "not_run" || (step.status === "skipped" && enabled === true)) {
          out.push(`\`${step.command ?? id}\` did not run: ${step.reason ?? "unknown reason"}`);
        }
      }
      const test = toolchain.steps.find((s) => s.id === "test");
      const measured = config.toolchain.steps.test.coverage;
      if (config.gate.coverage && measured && ran(test) && !test?.coverage) out.push("coverage was not measured");
    }
  }
  // An enabled analyzer is a configured check even when it does not gate: its silence is not a pass.
  if (config.analyzer.enabled && !input.analyzer.ran) {
    out.push(`the analyzer did not run: ${input.analyzer.reason ?? "unknown reason"}`);
  }
  if (config.gate.agent !== "off" && input.agent.status !== "ran") {
    const what = input.agent.status === "partial" ? "only partly ran" : "did not run";
    out.push(`the AI review is part of this repository's gate but ${what}: ${input.agent.reason ?? "unavailable"}`);
  }
  return out;
}

/** Each piece of evidence that fails the policy. */
function failures(input: GateInput): string[] {
  const { config, toolchain } = input;
  const gate = config.gate;
  const reasons: string[] = [];
  const inScope = (f: Finding) => gate.scope === "all" || (f.path !== undefined && input.changedPaths.has(f.path));
  const count = (pred: (f: Finding) => boolean) => input.findings.filter(pred).length;
  const step = (id: StepId) => toolchain.steps.find((s) => s.id === id);

  const compileErrors = count((f) => f.source === "compile" && f.severity === "blocker");
  if (gate.compileErrors && (compileErrors > 0 || step("compile")?.status === "failed")) {
    reasons.push(compileErrors > 0 ? plural(compileErrors, "compile error") : "compilation failed");
  }
  const warnings = count((f) => f.source === "compile" && f.severity !== "blocker" && inScope(f));
  if (gate.compileWarnings && warnings > 0) reasons.push(plural(warnings, "compile warning"));

  if (gate.unformatted && step("format")?.status === "failed") {
    const format = input.findings.filter((f) => f.source === "format");
    const files = new Set(format.filter(inScope).map((f) => f.path)).size;
    if (files > 0) reasons.push(`${plural(files, "file")} not formatted`);
    else if (format.length === 0) reasons.push("mix format --check-formatted failed");
  }

  const tests = step("test");
  if (gate.failingTests && tests?.tests) {
    const bad = tests.tests.failed + tests.tests.invalid;
    if (bad > 0) reasons.push(plural(bad, "failing test"));
    else if (!tests.tests.completed && tests.status === "failed") reasons.push("the test suite crashed before finishing");
  } else if (gate.failingTests && tests?.status === "failed") {
    reasons.push("mix test failed");
  }
  const coverage = tests?.coverage;
  if (gate.coverage && coverage && coverage.total < coverage.threshold) {
    reasons.push(`coverage ${coverage.total.toFixed(1)} % is below ${coverage.threshold} %`);
  }

  if (gate.credo !== "off") {
    const n = count((f) => f.source === "credo" && atLeast(f.severity, CREDO_PRIORITY_SEVERITY[gate.credo as keyof typeof CREDO_PRIORITY_SEVERITY]) && inScope(f));
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
  if (gate.agent !== "off" && (input.agent.status === "ran" || input.agent.status === "partial")) {
    const threshold = gate.agent;
    const n = count((f) => f.source === "agent" && atLeast(f.severity, threshold));
    if (n > 0) reasons.push(`${plural(n, "AI review finding")} at ${threshold} or above (opted in)`);
  }
  return reasons;
}

function ran(step: StepResult | undefined): boolean {
  return step?.status === "passed" || step?.status === "failed";
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function clip(title: string): string {
  return title.length <= 255 ? title : `${title.slice(0, 254)}…`;
}
