/**
 * Small, separately tested steps that take hidden content out of untrusted text before the model
 * reads it. A human reviewer sees the rendered PR; the model sees the raw text. Anything a human
 * cannot see (HTML comments, invisible characters, alt text, hidden elements) is where injected
 * instructions hide.
 */

/** `<!-- … -->`, also an unterminated one running to the end. */
export function stripHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, "");
}

/**
 * Zero-width and formatting characters, bidirectional controls (Trojan Source), Unicode tag
 * characters (ASCII smuggling) and variation selectors.
 */
/* eslint-disable no-misleading-character-class -- single invisible code points, matched on purpose */
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\u{1D173}-\u{1D17A}]/gu;

const INVISIBLE_RUN = new RegExp(`(?:${INVISIBLE.source})+`, "gu");
/* eslint-enable no-misleading-character-class */

/** Removes invisible and bidirectional characters (prose: PR title, body, questions). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

/**
 * Makes invisible characters visible instead of dropping them (code and tool output): a bidi
 * override in source is itself a finding, so the model must see that it is there.
 */
export function revealInvisible(text: string): string {
  return text.replace(INVISIBLE_RUN, (run) => {
    const chars = [...run];
    if (chars.length > 3) return `⟦${chars.length} invisible characters⟧`;
    return chars.map((c) => `⟦U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟧`).join("");
  });
}

/** Markdown images keep their URL but lose the alt text and title: `![](url)`. */
export function stripImageAltText(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\(\s*([^)\s]*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g, "![]($1)")
    .replace(/!\[[^\]]*\]\[/g, "![][");
}

/** Attributes a reader never sees rendered: alt, title, aria-*, data-*, placeholder, style. */
export function stripHiddenAttributes(text: string): string {
  return text.replace(
    /\s(?:alt|title|aria-[\w-]+|data-[\w-]+|placeholder|style)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi,
    "",
  );
}

/**
 * Content a reader never sees: elements with a `hidden` attribute, and Markdown "comment" link
 * definitions such as `[//]: # (text)` or `[x]: <> (text)`, which render as nothing.
 */
export function stripHiddenContent(text: string): string {
  return text
    .replace(/<([a-z][\w-]*)\b[^>]*\shidden\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/^[ \t]*\[[^\]\n]*\]:[ \t]*(?:#|<>)[ \t]*(?:\([^\n]*\)|"[^\n]*"|'[^\n]*')?[ \t]*$/gm, "");
}

/** ANSI escape sequences from tool output. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g, "");
}

/** Other C0 controls (keeps tab and newline); carriage returns become newlines. */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}

/** Everything for prose written by the PR author (title, body) or a commenter. */
export function sanitizeProse(text: string): string {
  const steps = [stripControl, stripHtmlComments, stripHiddenContent, stripHiddenAttributes, stripImageAltText, stripInvisible];
  return steps.reduce((acc, step) => step(acc), text).replace(/\n{3,}/g, "\n\n").trim();
}

/** Code and tool output: semantics kept, hidden characters made visible. */
export function sanitizeCode(text: string): string {
  return revealInvisible(stripControl(stripAnsi(text)));
}
