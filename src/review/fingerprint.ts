import { createHash } from "node:crypto";
import type { Finding, RawFinding } from "./finding.js";

/** Collapses whitespace so re-indentation or a shifted line keeps the fingerprint. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, " ").trim();
}

export function fingerprintOf(rule: string, path: string | undefined, code: string, occurrence = 0): string {
  const hash = createHash("sha256");
  hash.update(`${rule}\0${path ?? ""}\0${normaliseCode(code)}\0${occurrence}`);
  return hash.digest("hex").slice(0, 16);
}

/**
 * Gives every finding a fingerprint from the code it points at. Identical findings on identical
 * code in one file are told apart by their order of occurrence, which survives line shifts.
 */
export function assignFingerprints(
  findings: readonly RawFinding[],
  codeAt: (path: string, line: number) => string | undefined,
): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    if (finding.fingerprint) return { ...finding, fingerprint: finding.fingerprint };
    const code =
      finding.path && finding.line ? (codeAt(finding.path, finding.line) ?? finding.title) : finding.title;
    const base = `${finding.rule}\0${finding.path ?? ""}\0${normaliseCode(code)}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return { ...finding, fingerprint: fingerprintOf(finding.rule, finding.path, code, occurrence) };
  });
}
