import type { Config } from "../../config/schema.js";
import type { RawFinding } from "../../review/finding.js";
import type { DiffFile } from "../../workspace/types.js";
import type { Hit, Rule } from "../rule.js";
import { parseElixir } from "../syntax/parser.js";
import { factsOf } from "./facts.js";
import { toFinding } from "./findings.js";
import { isRuleDisabled, severityFor } from "./policy.js";
import { inScope } from "./scope.js";
import { skippedContent } from "./skip.js";
import { SourceFile } from "./source-file.js";
import { isSuppressed, parseSuppressions } from "./suppress.js";

export interface FileRunOptions {
  rules: readonly Rule[];
  config: Config["analyzer"];
  diff: readonly DiffFile[] | undefined;
  readFile(path: string): Promise<string | undefined>;
}

export interface FileRun {
  findings: RawFinding[];
  lines: number;
  /** The file was not analysed, and why. */
  skipped?: string;
  /** Analysed, with a caveat (e.g. regions that did not parse). */
  note?: string;
}

/** Analyses one file's text: parse, run the applicable rules, turn their hits into findings. */
export async function analyzeSource(path: string, text: string, options: FileRunOptions): Promise<FileRun> {
  const facts = factsOf(path);
  if (!facts) return { findings: [], lines: 0, skipped: "not an Elixir source or template" };
  const skip = skippedContent(text);
  if (skip) return { findings: [], lines: 0, skipped: skip };
  const rules = options.rules.filter(
    (r) =>
      r.languages.includes(facts.language) &&
      (r.files === "all" || (r.files === "tests") === facts.test) &&
      !isRuleDisabled(options.config, r.id, path),
  );
  const parsed = facts.language === "elixir" && rules.length > 0 ? await parseElixir(text) : undefined;
  const file = new SourceFile(path, text, facts, parsed);
  const diffFile = options.diff?.find((d) => d.path === path);
  const suppressions = parseSuppressions(file.lines);
  const errors = parsed?.errors ?? [];
  const findings: RawFinding[] = [];
  const seen = new Set<string>();
  const failures: string[] = [];
  let dropped = 0;

  const skippedStructural: string[] = [];
  for (const rule of rules) {
    if (rule.structural && errors.length > 0) {
      skippedStructural.push(rule.id);
      continue;
    }
    const hits: Hit[] = [];
    try {
      await rule.check({ file, diff: options.diff, readFile: options.readFile, report: (h) => hits.push(h) });
    } catch (error) {
      failures.push(`${rule.id} failed (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    for (const hit of hits) {
      const line = hit.line ?? hit.node?.line ?? 1;
      const endLine = Math.max(line, hit.endLine ?? hit.node?.endLine ?? line);
      const scopeRange = rule.granularity === "file" ? { line: 1, endLine: file.lines.length } : (hit.scope ?? { line, endLine });
      const region = hit.region ?? (rule.granularity === "file" ? { line, endLine } : scopeRange);
      if (errors.some((e) => e.line <= region.endLine && e.endLine >= region.line)) {
        dropped++;
        continue;
      }
      if (isSuppressed(suppressions, line, rule.id)) continue;
      if (!inScope(options.config.scope, diffFile, options.diff !== undefined, scopeRange)) continue;
      // One finding per rule and line: a second hit there adds nothing a reviewer would act on.
      const key = `${rule.id}:${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const column = hit.column ?? hit.node?.column;
      const severity = severityFor(options.config, rule.id, rule.severity);
      findings.push(toFinding(rule, hit, { path, line, endLine, column }, severity, file.lines));
    }
  }

  const notes: string[] = [];
  if (errors.length > 0) {
    const spans = errors.slice(0, 5).map((e) => (e.line === e.endLine ? `${e.line}` : `${e.line}-${e.endLine}`));
    notes.push(
      `did not fully parse (lines ${spans.join(", ")}${errors.length > 5 ? ", …" : ""}); ` +
        `${dropped} finding(s) in or around those lines were not reported, and ${skippedStructural.length} ` +
        "rule(s) that read module structure did not run",
    );
  }
  notes.push(...failures);
  const run: FileRun = { findings, lines: file.lines.length };
  if (notes.length > 0) run.note = notes.join("; ");
  return run;
}
