/**
 * `# elixir-agent:disable-next-line <rule>[, <rule> …]` silences those rules (or, bare, every
 * rule) on the next line of code — blank lines and further comment lines in between are skipped,
 * so a justification can follow the directive. Works in templates as `<%# … %>`.
 */
const DIRECTIVE = /#\s*elixir-agent:disable-next-line\b([^\n]*)/;

export type Suppressions = Map<number, Set<string> | "all">;

export function parseSuppressions(lines: readonly string[]): Suppressions {
  const out: Suppressions = new Map();
  for (let i = 0; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i]!);
    if (!match) continue;
    const rules = (match[1] ?? "")
      .replace(/%>.*$|-->.*$|\}.*$/, "")
      .split(/[\s,]+/)
      .filter((r) => /^[\w-]+\/[\w-]+$/.test(r));
    let target = i + 1;
    while (target < lines.length && isSkippable(lines[target]!)) target++;
    const line = target + 1;
    const existing = out.get(line);
    if (rules.length === 0 || existing === "all") out.set(line, "all");
    else out.set(line, new Set([...(existing ?? []), ...rules]));
  }
  return out;
}

function isSkippable(line: string): boolean {
  const t = line.trim();
  return t === "" || (t.startsWith("#") && !t.startsWith("#{")) || /^<%#.*%>$/.test(t);
}

export function isSuppressed(suppressions: Suppressions, line: number, rule: string): boolean {
  const entry = suppressions.get(line);
  return entry === "all" || (entry !== undefined && entry.has(rule));
}
