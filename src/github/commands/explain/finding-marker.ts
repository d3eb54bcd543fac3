/**
 * The hidden marker that the publisher puts in each inline comment, read tolerantly: inside an
 * `<!-- elixir-agent… -->` comment, `fingerprint` and `rule` as `key=value`, `key: value` or JSON.
 */
export interface FindingRef {
  fingerprint?: string;
  rule?: string;
}

export function findingMarker(body: string): FindingRef | undefined {
  for (const match of body.matchAll(/<!--\s*elixir-agent\b([\s\S]*?)-->/g)) {
    const inner = match[1] ?? "";
    const fingerprint = /"?fingerprint"?\s*[=:]\s*"?([0-9a-f]{6,64})/i.exec(inner)?.[1];
    const rule = /"?rule"?\s*[=:]\s*"?([A-Za-z0-9][A-Za-z0-9_.:/@#+-]*)/.exec(inner)?.[1];
    if (fingerprint || rule) return { ...(fingerprint ? { fingerprint: fingerprint.toLowerCase() } : {}), ...(rule ? { rule } : {}) };
  }
  return undefined;
}
