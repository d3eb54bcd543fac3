import { PREFIX } from "./spec.js";

/** A `/elixir-agent …` line found in a comment, before its arguments are checked. */
export interface CommandLine {
  /** The word after the prefix, lower-cased (empty for a bare `/elixir-agent`). */
  word: string;
  /** The rest of that line, trimmed. */
  args: string;
  /** The lines after the command line (an `ask` question may continue there). */
  following: string;
}

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}>/;
const COMMAND = new RegExp(`^ {0,3}${PREFIX.replace("/", "\\/")}(?=\\s|$)(.*)$`, "i");

/**
 * Finds the first command in a comment. Only a line that STARTS with `/elixir-agent` (up to three
 * spaces of indentation) counts: a command inside a fenced or indented code block, a block quote
 * (including the lines that continue it), an HTML comment or inline code is text, not a command.
 */
export function findCommand(body: string): CommandLine | undefined {
  const lines = body.replace(/\r\n?/g, "\n").replace(/<!--[\s\S]*?(?:-->|$)/g, "").split("\n");
  let fence: string | undefined;
  let quote = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").replace(INVISIBLE, "");
    const opener = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener;
      continue;
    }
    // A quote runs on over the next lines until a blank line ("lazy continuation" in Markdown).
    if (line.trim() === "") quote = false;
    else if (QUOTE.test(line)) quote = true;
    if (quote || /^( {4}|\t)/.test(line)) continue;
    const match = COMMAND.exec(line);
    if (!match) continue;
    const rest = (match[1] ?? "").trim();
    const space = rest.search(/\s/);
    return {
      word: (space < 0 ? rest : rest.slice(0, space)).toLowerCase(),
      args: space < 0 ? "" : rest.slice(space).trim(),
      following: lines.slice(i + 1).join("\n").trim(),
    };
  }
  return undefined;
}
