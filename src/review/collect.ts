import { matchesGlob } from "../util/glob.js";
import type { IgnoredRule } from "../pipeline/types.js";
import { assignFingerprints } from "./fingerprint.js";
import { bySeverity, type Finding, type RawFinding } from "./finding.js";

export interface CollectOptions {
  ignorePaths: readonly string[];
  ignoredRules: readonly IgnoredRule[];
  /** The code at a new-side line, for fingerprints. */
  codeAt: (path: string, line: number) => string | undefined;
}

/**
 * Merges the findings of every stage: drops ignored paths and rules, removes duplicates (the same
 * warning from `mix compile` and again from `mix test`), fingerprints, and orders by severity.
 * Fingerprints are unique in the result: they key inline comments and their threads.
 */
export function collectFindings(raw: readonly RawFinding[], options: CollectOptions): Finding[] {
  const ignored = new Set(options.ignoredRules.map((r) => r.rule));
  const seen = new Set<string>();
  const kept: RawFinding[] = [];
  for (const finding of mergeRestated(raw)) {
    if (ignored.has(finding.rule)) continue;
    if (finding.path && options.ignorePaths.some((glob) => matchesGlob(finding.path!, glob))) continue;
    const key = [finding.source === "test" ? "test" : finding.rule, finding.path, finding.line, finding.title].join("\0");
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(finding);
  }
  const sorted = assignFingerprints(kept, options.codeAt).sort(
    (a, b) => bySeverity(a, b) || (a.path ?? "").localeCompare(b.path ?? "") || (a.line ?? 0) - (b.line ?? 0),
  );
  const fingerprints = new Set<string>();
  return sorted.filter((f) => !fingerprints.has(f.fingerprint) && fingerprints.add(f.fingerprint));
}

/**
 * Analyzer findings that restate a compiler warning on the same line (`@impl` missing): one
 * comment, not two. The compiler's finding stays (it is the evidence the gate counts) and takes
 * over the analyzer's explanation and committable fix.
 */
const SAME_PROBLEM: { analyzerRule: string; compilerMessage: RegExp }[] = [
  { analyzerRule: "otp/impl-true", compilerMessage: /@impl\b/ },
];

function mergeRestated(raw: readonly RawFinding[]): RawFinding[] {
  const dropped = new Set<RawFinding>();
  const enriched = new Map<RawFinding, RawFinding>();
  for (const { analyzerRule, compilerMessage } of SAME_PROBLEM) {
    for (const compiled of raw) {
      if (compiled.source !== "compile" || compiled.severity === "blocker" || !compilerMessage.test(compiled.title)) continue;
      const twin = raw.find((f) => f.source === "analyzer" && f.rule === analyzerRule && f.path === compiled.path && f.line === compiled.line);
      if (!twin) continue;
      dropped.add(twin);
      enriched.set(compiled, {
        ...compiled,
        message: `${compiled.message}\n\n${twin.message}`.trim(),
        ...(twin.suggestion !== undefined ? { suggestion: twin.suggestion, ...(twin.endLine !== undefined ? { endLine: twin.endLine } : {}) } : {}),
      });
    }
  }
  return raw.filter((f) => !dropped.has(f)).map((f) => enriched.get(f) ?? f);
}
