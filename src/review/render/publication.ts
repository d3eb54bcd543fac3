import { escapeMd } from "../../util/markdown.js";

/** What publishing did on GitHub, for the summary (filled in by the GitHub publisher). */
export interface PublicationInfo {
  review?: { event: string; comments: number };
  /** Why no review was posted. */
  note?: string;
  /** Finding fingerprint → where it went: "inline", "already commented", "line outside the diff" … */
  placement: ReadonlyMap<string, { kind: string; note?: string }>;
  /** Threads marked fixed and resolved. */
  fixed: number;
  /** Our earlier change requests withdrawn. */
  withdrawn: number;
  annotations?: { sent: number; failed: number; omitted: number };
  errors: readonly string[];
}

export function renderPublication(info: PublicationInfo, headSha: string): string[] {
  const out = ["#### On this pull request", ""];
  const kinds = [...info.placement.values()];
  const count = (kind: string) => kinds.filter((p) => p.kind === kind).length;
  if (info.review) {
    const verb = info.review.event === "REQUEST_CHANGES" ? "Requested changes" : "Commented";
    out.push(`- ${verb} with ${info.review.comments} new inline comment${info.review.comments === 1 ? "" : "s"}.`);
  } else if (info.note) out.push(`- No review posted: ${escapeMd(info.note)}.`);
  if (count("open") > 0) out.push(`- ${count("open")} finding(s) already have an open comment: not repeated.`);
  if (count("suppressed") > 0) out.push(`- ${count("suppressed")} finding(s) were resolved or dismissed by a reviewer: not raised again on this pull request.`);
  if (count("summary") > 0) out.push(`- ${count("summary")} finding(s) could not be commented inline; see the table below for why.`);
  if (info.fixed > 0) out.push(`- ${info.fixed} earlier comment(s) marked fixed in \`${headSha.slice(0, 7)}\` and resolved.`);
  if (info.withdrawn > 0) out.push(`- The earlier change request was withdrawn: the gate passes now.`);
  if (info.annotations) {
    const a = info.annotations;
    const extra = [a.failed > 0 ? `${a.failed} rejected by GitHub` : "", a.omitted > 0 ? `${a.omitted} over the per-run cap, not sent` : ""].filter(Boolean);
    out.push(`- ${a.sent} annotation(s)${extra.length > 0 ? ` (${extra.join("; ")})` : ""}.`);
  }
  for (const e of info.errors) out.push(`- ⚠️ ${escapeMd(e)}`);
  out.push("");
  return out;
}

/** The short label of a finding's fate for the findings table. */
export function placementLabel(p: { kind: string; note?: string } | undefined): string {
  if (!p) return "";
  if (p.kind === "comment") return "💬 inline";
  return escapeMd(p.note ?? p.kind);
}
