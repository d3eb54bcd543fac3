// CSI sequences (colours, cursor moves) and OSC sequences (titles, links).
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Removes ANSI escape sequences: `mix format` on 1.15+ emits them even without a TTY. */
export function stripAnsi(text: string): string {
  return text.includes("\x1b") ? text.replace(ANSI, "") : text;
}

/** ANSI-free lines; `\r\n` and stray `\r` (progress output) end lines too. */
export function lines(text: string): string[] {
  const clean = stripAnsi(text);
  return clean.includes("\r") ? clean.split(/\r?\n|\r/) : clean.split("\n");
}

/** At most `max` characters, cut at a line end when possible, marked when cut. */
export function excerpt(text: string, max = 4000): string {
  const clean = stripAnsi(text).replace(/\s+$/, "");
  if (clean.length <= max) return clean;
  const cut = clean.lastIndexOf("\n", max);
  return `${clean.slice(0, cut > max / 2 ? cut : max)}\n… (${clean.length - (cut > max / 2 ? cut : max)} more characters)`;
}

/** The last `count` non-empty lines: what a crash usually says. */
export function tailLines(text: string, count = 20): string {
  const all = lines(text).filter((l) => l.trim() !== "");
  return all.slice(-count).join("\n");
}

/** One line, ≤ `max` characters: for finding titles (GitHub caps them at 255). */
export function oneLine(text: string, max = 255): string {
  const flat = stripAnsi(text).replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
