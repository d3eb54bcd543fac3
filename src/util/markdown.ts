/** Escapes untrusted text for inline Markdown (table cells, list items): no HTML, no table breaks, no mentions. */
export function escapeMd(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|])/g, "\\$1")
    .replace(/@(?=[A-Za-z0-9-])/g, "@\u200b");
}

/** A fenced code block that the content cannot break out of. */
export function codeBlock(text: string, lang = ""): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n+$/, "")}\n${fence}`;
}

/** Inline code that the content cannot break out of. */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\r?\n/g, " ");
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return "–";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Longest prefix of `text` whose UTF-8 encoding fits `maxBytes`, never splitting a character. */
export function prefixWithinBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let lo = 0;
  let hi = Math.min(text.length, maxBytes);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (Buffer.byteLength(text.slice(0, mid), "utf8") <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  const code = text.charCodeAt(lo - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? lo - 1 : lo);
}

/**
 * Cuts Markdown to `maxBytes` of UTF-8 (GitHub counts bytes, whatever its docs say), closing an
 * open code fence and saying how much was left out — so the text is never rejected.
 */
export function truncateMarkdown(text: string, maxBytes: number, what = "characters"): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  const room = Math.max(0, maxBytes - 200);
  let kept = prefixWithinBytes(text, room);
  const cut = kept.lastIndexOf("\n");
  if (cut > room / 2) kept = kept.slice(0, cut);
  const fences = [...kept.matchAll(/^(`{3,})/gm)];
  const open = fences.length % 2 === 1 ? `\n${fences.at(-1)![1]}` : "";
  const omitted = text.length - kept.length;
  return `${kept}${open}\n\n> **Truncated:** ${omitted} more ${what} did not fit GitHub's size limit.`;
}

/** One line of at most `max` characters (titles), with an ellipsis when cut. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s*\r?\n\s*/g, " ").trim();
  if (flat.length <= max) return flat;
  let end = max - 1;
  const code = flat.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${flat.slice(0, end)}…`;
}

/**
 * Makes Markdown from tools or the model safe to post: outside code it removes HTML comments
 * (nobody may forge our hidden markers), and neutralises @mentions and #123 / owner/repo#123
 * references (no pings, no cross-reference noise). Code spans and fences are left untouched.
 */
export function safeMarkdown(text: string): string {
  const parts = text.split(/(^`{3,}[^\n]*\n[\s\S]*?^`{3,}[ \t]*$|`+[^`\n]+`+)/m);
  return parts
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/<!--[\s\S]*?(-->|$)/g, "")
            .replace(/<!--|-->/g, "")
            .replace(/@(?=[A-Za-z0-9-])/g, "@\u200b")
            .replace(/#(?=\d)/g, "#\u200b"),
    )
    .join("");
}
