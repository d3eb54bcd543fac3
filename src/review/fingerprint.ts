import { createHash } from "node:crypto";
import type { Finding, RawFinding } from "./finding.js";

/** Collapses whitespace so re-indentation or a shifted line keeps the fingerprint. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, " ").trim();
}

export function fingerprintOf(rule: string, path: string | undefined, code: string, occurrence = 0): string {
  return hash(`${rule}\0${path ?? ""}\0${normaliseCode(code)}\0${occurrence}`);
}

const HEX16 = /^[0-9a-f]{16}$/;

/**
 * Gives every finding a fingerprint: rule + path + the normalised code at its first line — never
 * the line number, so a finding keeps its fingerprint when lines above it move. Identical
 * findings on identical code in one file are told apart by their order in the file, which also
 * survives shifts. A producer's own fingerprint is kept (hashed into the same 16-hex shape).
 */
export function assignFingerprints(
  findings: readonly RawFinding[],
  codeAt: (path: string, line: number) => string | undefined,
): Finding[] {
  const order = findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => (a.finding.path ?? "").localeCompare(b.finding.path ?? "") || (a.finding.line ?? 0) - (b.finding.line ?? 0) || a.index - b.index);
  const seen = new Map<string, number>();
  const out: Finding[] = new Array(findings.length);
  for (const { finding, index } of order) {
    if (finding.fingerprint) {
      const own = HEX16.test(finding.fingerprint) ? finding.fingerprint : hash(`${finding.rule}\0${finding.path ?? ""}\0${finding.fingerprint}`);
      out[index] = { ...finding, fingerprint: own };
      continue;
    }
    const code = finding.path && finding.line ? (codeAt(finding.path, finding.line) ?? finding.title) : finding.title;
    const base = `${finding.rule}\0${finding.path ?? ""}\0${normaliseCode(code)}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    out[index] = { ...finding, fingerprint: fingerprintOf(finding.rule, finding.path, code, occurrence) };
  }
  return out;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
