/** Elixir's version requirements (`~> 1.14`, `>= 1.13.0 and < 2.0.0`, `== 1.15.7 or ~> 1.16`). */

type Triple = [number, number, number];

export function parseVersion(text: string): { parts: Triple; given: number } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  if (!m) return undefined;
  const given = m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1;
  return { parts: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], given };
}

function compare(a: Triple, b: Triple): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function clause(version: Triple, text: string): boolean | undefined {
  const m = /^\s*(~>|==|!=|>=|<=|>|<)?\s*(\S+)\s*$/.exec(text);
  if (!m) return undefined;
  const target = parseVersion(m[2]!);
  if (!target) return undefined;
  const c = compare(version, target.parts);
  switch (m[1] ?? "==") {
    case "==":
      return c === 0;
    case "!=":
      return c !== 0;
    case ">=":
      return c >= 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case "<":
      return c < 0;
    default: {
      // ~> 1.14 → >= 1.14.0 and < 2.0.0; ~> 1.14.2 → >= 1.14.2 and < 1.15.0
      const [major, minor] = target.parts;
      const upper: Triple = target.given >= 3 ? [major, minor + 1, 0] : [major + 1, 0, 0];
      return c >= 0 && compare(version, upper) < 0;
    }
  }
}

/** Whether `version` satisfies `requirement`; undefined when either cannot be parsed. */
export function satisfies(version: string, requirement: string): boolean | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  let any = false;
  for (const alternative of requirement.split(/\s+or\s+/)) {
    let all = true;
    for (const part of alternative.split(/\s+and\s+/)) {
      const ok = clause(v.parts, part);
      if (ok === undefined) return undefined;
      all &&= ok;
    }
    any ||= all;
  }
  return any;
}
