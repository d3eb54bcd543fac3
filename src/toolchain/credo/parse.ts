import { lines as splitLines, stripAnsi } from "../text/ansi.js";

export interface CredoIssue {
  check: string;
  category: string;
  filename: string;
  line?: number;
  column?: number;
  columnEnd?: number;
  message: string;
  priority: number;
  scope?: string;
  trigger?: string;
}

export type CredoPriority = "higher" | "high" | "normal" | "low" | "ignore";

/** Credo's own bands (`Credo.Priority`): > 19 higher, 10..19 high, 0..9 normal, -10..-1 low. */
export function priorityName(priority: number): CredoPriority {
  if (priority > 19) return "higher";
  if (priority >= 10) return "high";
  if (priority >= 0) return "normal";
  if (priority >= -10) return "low";
  return "ignore";
}

const CATEGORY_BITS: [number, string][] = [
  [1, "consistency"],
  [2, "design"],
  [4, "readability"],
  [8, "refactor"],
  [16, "warning"],
];

/** Credo's exit status is a bitmask of issue categories; 128 and above mean credo itself failed. */
export function decodeCredoExit(code: number): { categories: string[]; toolError?: string } {
  if (code >= 128) {
    const why = code === 129 ? "its configuration could not be parsed" : code === 130 ? "its configuration is invalid" : "it failed";
    return { categories: [], toolError: `credo exited with status ${code}: ${why}` };
  }
  return { categories: CATEGORY_BITS.filter(([bit]) => (code & bit) !== 0).map(([, name]) => name) };
}

/**
 * Issues from credo's stdout: `--format json` (pretty, possibly after dependency compile noise),
 * `credo diff --format json` (only the `new` issues count) or `--format sarif`. Undefined when no
 * such JSON is found.
 */
export function parseCredoOutput(stdout: string): CredoIssue[] | undefined {
  const data = extractJson(stdout);
  if (!data || typeof data !== "object") return undefined;
  const obj = data as Record<string, unknown>;
  if (Array.isArray(obj.issues)) return obj.issues.flatMap(toIssue);
  const diff = obj.diff as Record<string, unknown> | undefined;
  if (diff && Array.isArray(diff.new)) return diff.new.flatMap(toIssue);
  if (Array.isArray(obj.runs)) return fromSarif(obj.runs);
  return undefined;
}

/** The JSON document in noisy output: from the first line that opens one, to its end. */
export function extractJson(stdout: string): unknown {
  const text = stripAnsi(stdout);
  const starts: number[] = [];
  const re = /^\{/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index);
  for (const start of starts) {
    const end = text.lastIndexOf("}");
    if (end < start) continue;
    try {
      return JSON.parse(text.slice(start, end + 1));
    } catch {
      // noise that starts with "{" (a printed map); try the next candidate
    }
  }
  return undefined;
}

function toIssue(raw: unknown): CredoIssue[] {
  if (!raw || typeof raw !== "object") return [];
  const i = raw as Record<string, unknown>;
  if (typeof i.check !== "string" || typeof i.filename !== "string" || typeof i.message !== "string") return [];
  const issue: CredoIssue = {
    check: i.check,
    category: typeof i.category === "string" ? i.category : "unknown",
    filename: i.filename,
    message: i.message,
    priority: typeof i.priority === "number" ? i.priority : 0,
  };
  if (typeof i.line_no === "number") issue.line = i.line_no;
  if (typeof i.column === "number") issue.column = i.column;
  if (typeof i.column_end === "number") issue.columnEnd = i.column_end;
  if (typeof i.scope === "string") issue.scope = i.scope;
  // `trigger` is a string, null, or `["__no_trigger__"]` (a tuple encoded as a list).
  if (typeof i.trigger === "string") issue.trigger = i.trigger;
  return [issue];
}

/**
 * SARIF 2.1.0 from `--format sarif` (credo ≥ 1.7). `ruleId` is the check's code (`EX5006`), the
 * rule's `name` the check. `rank` is the priority shifted by 11 (credo 1.7.19: priority 13 →
 * rank 24, 2 → 13), which keeps SARIF's 0..100 range for the usual priorities.
 */
const SARIF_RANK_OFFSET = 11;

function fromSarif(runs: unknown[]): CredoIssue[] {
  const out: CredoIssue[] = [];
  for (const run of runs) {
    const rules = new Map<string, unknown>();
    for (const rule of list(at(run, "tool", "driver", "rules"))) {
      const id = at(rule, "id");
      if (typeof id === "string") rules.set(id, rule);
    }
    for (const result of list(at(run, "results"))) {
      const loc = at(result, "locations", 0, "physicalLocation");
      const file = at(loc, "artifactLocation", "uri");
      if (typeof file !== "string") continue;
      const rule = rules.get(String(at(result, "ruleId")));
      const name = at(rule, "name");
      const rank = at(result, "rank");
      const issue: CredoIssue = {
        check: typeof name === "string" ? name : String(at(result, "ruleId")),
        category: sarifCategory(rule, name),
        filename: file,
        message: String(at(result, "message", "text") ?? ""),
        priority: typeof rank === "number" ? rank - SARIF_RANK_OFFSET : 0,
      };
      const num = (value: unknown) => (typeof value === "number" ? value : undefined);
      const line = num(at(loc, "region", "startLine"));
      if (line !== undefined) issue.line = line;
      const column = num(at(loc, "region", "startColumn"));
      if (column !== undefined) issue.column = column;
      const columnEnd = num(at(loc, "region", "endColumn"));
      if (columnEnd !== undefined) issue.columnEnd = columnEnd;
      const scope = at(result, "locations", 0, "logicalLocations", 0, "fullyQualifiedName");
      if (typeof scope === "string") issue.scope = scope;
      const trigger = at(loc, "region", "snippet", "text");
      if (typeof trigger === "string") issue.trigger = trigger;
      out.push(issue);
    }
  }
  return out;
}

function sarifCategory(rule: unknown, name: unknown): string {
  const known = new Set(CATEGORY_BITS.map(([, c]) => c));
  const tag = list(at(rule, "properties", "tags")).find((t) => typeof t === "string" && known.has(t.toLowerCase()));
  if (typeof tag === "string") return tag.toLowerCase();
  const fromName = typeof name === "string" ? /^Credo\.Check\.(\w+)\./.exec(name)?.[1]?.toLowerCase() : undefined;
  return fromName ?? "unknown";
}

/** `value[k1][k2]…` for parsed JSON, undefined as soon as a step is missing. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Files credo skipped because they do not parse (it says so on stderr). */
export function excludedFiles(stderr: string): string[] {
  const out: string[] = [];
  let inList = false;
  for (const line of splitLines(stderr)) {
    if (/could not be parsed correctly and are excluded/.test(line)) inList = true;
    else if (inList) {
      const m = /^\s+\d+\) (.+)$/.exec(line);
      if (m) out.push(m[1]!.trim());
      else if (line.trim() !== "") inList = false;
    }
  }
  return out;
}
