/** A compiler diagnostic, from the helper's JSON or parsed from text. Paths are as printed. */
export interface CompileDiagnostic {
  severity: "error" | "warning" | "info";
  file?: string;
  /** The umbrella child whose output this came from (`==> app` header), when known. */
  app?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** The message without the `** (X) file:line:` prefix, snippets or stack frames. */
  message: string;
  /** Everything the compiler printed for it (evidence). */
  text: string;
  /** The exception of a compile error, e.g. `CompileError`, `SyntaxError`. */
  exception?: string;
}

/** `** (CompileError) lib/a.ex: cannot compile module A (errors have been logged)`. */
export const AGGREGATE = /^(.+?): cannot compile (?:module|file)\b.*\(errors have been logged\)/;

/** Drops aggregate "errors have been logged" entries when the file already has located errors. */
export function dropAggregates(diags: CompileDiagnostic[]): CompileDiagnostic[] {
  const located = new Set(diags.filter((d) => d.severity === "error" && d.line !== undefined).map((d) => d.file));
  return diags.filter((d) => !(d.severity === "error" && d.line === undefined && AGGREGATE.test(d.message) && located.has(d.file)));
}

/** Removes exact repeats (the same warning printed for two compile passes). */
export function dedupe(diags: CompileDiagnostic[]): CompileDiagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = `${d.severity}\0${d.app ?? ""}\0${d.file ?? ""}\0${d.line ?? ""}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
