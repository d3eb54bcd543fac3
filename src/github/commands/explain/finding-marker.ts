import { parseFindingMarker } from "../../review/markers.js";

/** What an inline comment of ours says about its finding. */
export interface FindingRef {
  fingerprint: string;
  rule?: string;
}

/**
 * Reads an inline comment written by the publisher (`src/github/review/comment-body.ts`): the
 * fingerprint from its hidden marker at the end, the rule from its first line
 * (`**🟡 minor** · \`rule\` · source …`).
 */
export function findingOf(body: string): FindingRef | undefined {
  const marker = parseFindingMarker(body);
  if (!marker) return undefined;
  const rule = /^\*\*[^\n*]+\*\* · `([^`\n]+)` · /.exec(body)?.[1];
  return { fingerprint: marker.fingerprint, ...(rule ? { rule } : {}) };
}
