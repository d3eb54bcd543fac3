import type { Rule } from "./rule.js";

export const CATALOGUE_START = "<!-- analyzer-catalogue:start (generated from src/analyzer/registry.ts: npx tsx src/analyzer/write-catalogue.ts) -->";
export const CATALOGUE_END = "<!-- analyzer-catalogue:end -->";

/** The rule catalogue as a Markdown table: id, checklist item, severity, what it flags, an example. */
export function renderCatalogue(rules: readonly Rule[]): string {
  const rows = rules.map((r) => `| \`${r.id}\` | \`${r.checklistItem}\` | ${r.severity} | ${cell(r.title)} | ${example(r.example)} |`);
  return ["| Rule | Checklist item | Severity | Flags | Example |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** Replaces the generated block of `readme` with the current catalogue. */
export function withCatalogue(readme: string, rules: readonly Rule[]): string {
  const start = readme.indexOf(CATALOGUE_START);
  const end = readme.indexOf(CATALOGUE_END);
  if (start === -1 || end < start) throw new Error("README has no analyzer catalogue markers");
  return `${readme.slice(0, start + CATALOGUE_START.length)}\n${renderCatalogue(rules)}\n${readme.slice(end)}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** A one-line example in a code span (a table cell cannot hold a block). */
function example(code: string): string {
  const line = code
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join(" ");
  return `<code>${line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;")}</code>`;
}
