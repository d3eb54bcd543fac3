import { FINDING_SOURCES, type FindingSource } from "../../review/finding.js";

/**
 * Hidden markers in what we post. Untrusted text inside a body has its HTML comments removed
 * (`safeMarkdown`), and markers are only read at fixed positions (a finding marker at the very
 * end of a comment, a fixed marker at the very start), so a PR cannot forge one.
 */

const SOURCE = FINDING_SOURCES.join("|");
const FINDING_RE = new RegExp(`\\n<!-- elixir-agent:finding fp=([0-9a-f]{8,64}) src=(${SOURCE}) -->\\s*$`);
const FIXED_RE = /^<!-- elixir-agent:fixed sha=([0-9a-f]{7,64}) -->/;
const REVIEW_RE = /\n<!-- elixir-agent:review sha=([0-9a-f]{7,64}) job=([A-Za-z0-9-]{1,64}) fps=([0-9a-f,]*) -->\s*$/;

export function findingMarker(fingerprint: string, source: FindingSource): string {
  return `\n<!-- elixir-agent:finding fp=${fingerprint} src=${source} -->`;
}

export function parseFindingMarker(body: string): { fingerprint: string; source: FindingSource } | undefined {
  const m = FINDING_RE.exec(body);
  return m ? { fingerprint: m[1]!, source: m[2] as FindingSource } : undefined;
}

export function fixedMarker(sha: string): string {
  return `<!-- elixir-agent:fixed sha=${sha} -->`;
}

export function parseFixedMarker(body: string): { sha: string } | undefined {
  const m = FIXED_RE.exec(body);
  return m ? { sha: m[1]! } : undefined;
}

const WITHDRAWN_RE = /^<!-- elixir-agent:withdrawn sha=([0-9a-f]{7,64}) -->/;

/** Put at the start of our own change request before we dismiss it (the gate passes now). */
export function withdrawnMarker(sha: string): string {
  return `<!-- elixir-agent:withdrawn sha=${sha} -->`;
}

export function parseWithdrawnMarker(body: string | null | undefined): { sha: string } | undefined {
  const m = body ? WITHDRAWN_RE.exec(body) : null;
  return m ? { sha: m[1]! } : undefined;
}

export interface ReviewMarker {
  headSha: string;
  jobId: string;
  /** Fingerprints of the inline comments this review posted. */
  fingerprints: string[];
}

export function reviewMarker(marker: ReviewMarker): string {
  return `\n<!-- elixir-agent:review sha=${marker.headSha} job=${marker.jobId} fps=${marker.fingerprints.join(",")} -->`;
}

export function parseReviewMarker(body: string | null | undefined): ReviewMarker | undefined {
  const m = body ? REVIEW_RE.exec(body) : null;
  return m ? { headSha: m[1]!, jobId: m[2]!, fingerprints: m[3]!.split(",").filter(Boolean) } : undefined;
}
