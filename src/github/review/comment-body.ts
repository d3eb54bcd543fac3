import type { Finding } from "../../review/finding.js";
import { codeBlock, escapeMd, inlineCode, prefixWithinBytes, safeMarkdown, truncateMarkdown } from "../../util/markdown.js";
import { LIMITS } from "../limits.js";
import { findingMarker } from "./markers.js";

const BADGE = { blocker: "🛑 blocker", major: "🔴 major", minor: "🟡 minor", info: "🔵 info" } as const;
const MESSAGE_BYTES = 32 * 1024;
const SUGGESTION_BYTES = 16 * 1024;

/**
 * The body of one inline comment: severity, rule and checklist item, the explanation, a
 * committable `suggestion` when the fix replaces exactly the commented lines, the tool evidence,
 * and the hidden fingerprint marker last. Everything passes the redactor; a suggestion the
 * redactor would change is dropped rather than offered as a broken commit. The body always fits
 * GitHub's limit: the evidence gets whatever room is left.
 */
export function commentBody(finding: Finding, options: { exactRange: boolean; redact: (text: string) => string }): string {
  const { redact } = options;
  const parts = [
    `**${BADGE[finding.severity]}** · ${inlineCode(finding.rule)} · ${finding.source}` +
      (finding.checklistItem ? ` · checklist ${inlineCode(finding.checklistItem)}` : ""),
    `**${escapeMd(redact(finding.title))}**`,
  ];
  if (finding.message) parts.push(truncateMarkdown(safeMarkdown(redact(finding.message)), MESSAGE_BYTES));
  const suggestion = finding.suggestion;
  if (
    suggestion !== undefined &&
    options.exactRange &&
    redact(suggestion) === suggestion &&
    Buffer.byteLength(suggestion, "utf8") <= SUGGESTION_BYTES
  ) {
    parts.push(suggestionBlock(suggestion));
  }
  const marker = findingMarker(finding.fingerprint, finding.source);
  let body = parts.join("\n\n");
  if (finding.evidence) {
    const room = LIMITS.commentBodyBytes - Buffer.byteLength(body + marker, "utf8") - 300;
    if (room > 200) {
      const evidence = redact(finding.evidence);
      const cut = prefixWithinBytes(evidence, room);
      body += `\n\n<details><summary>Evidence${cut.length < evidence.length ? " (cut)" : ""}</summary>\n\n${codeBlock(cut)}\n\n</details>`;
    }
  }
  return body + "\n" + marker;
}

/** A committable suggestion replacing the commented lines; an empty one deletes them. */
export function suggestionBlock(replacement: string): string {
  const text = replacement.replace(/\r?\n$/, "");
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return text === "" ? `${fence}suggestion\n${fence}` : `${fence}suggestion\n${text}\n${fence}`;
}
