import type { Severity } from "../review/finding.js";
import type { DiffFile } from "../workspace/types.js";
import type { SourceFile } from "./engine/source-file.js";
import type { SyntaxNode } from "./syntax/node.js";

/**
 * A rule is a plugin: one file under `rules/`, listed once in `registry.ts`. It reads one source
 * file and reports hits; the engine turns hits into findings (scope, suppression, config).
 */
export interface Rule {
  /** Stable id, `area/name`: config, suppressions and fingerprints refer to it. */
  id: string;
  /** The `agent/checklist.yaml` item this rule is evidence for. */
  checklistItem: string;
  severity: Severity;
  /** One line: what the rule flags (catalogue and default finding title). */
  title: string;
  /**
   * How `changed-lines` scope applies: `line` — the hit's lines intersect added lines;
   * `function` — the enclosing function (or block) changed; `file` — the file changed.
   */
  granularity: "line" | "function" | "file";
  /** Which files the rule reads. */
  languages: readonly ("elixir" | "template")[];
  /** `app`: application code, scripts and config (not tests); `tests`: test files only; `all`. */
  files: "app" | "tests" | "all";
  /**
   * The rule reads module or function structure (which module, which callback, which clauses).
   * tree-sitter's error recovery can mis-nest everything after a syntax error, so structural
   * rules do not report in a file that does not fully parse; expression-level rules still
   * report outside the broken lines.
   */
  structural: boolean;
  /** Why it matters in Elixir (Markdown, one paragraph). */
  why: string;
  /** How to fix it (Markdown, one paragraph). */
  fix: string;
  /** A short offending snippet for the catalogue. */
  example: string;
  check(ctx: RuleContext): void | Promise<void>;
}

/** What a rule reports; `message` says what is wrong here, the engine appends why and fix. */
export interface Hit {
  node?: SyntaxNode;
  line?: number;
  endLine?: number;
  column?: number;
  message: string;
  title?: string;
  suggestion?: string;
  /** Lines that decide `changed-lines` scope for `function`-granular rules (default: the hit's lines). */
  scope?: { line: number; endLine: number };
  /** Lines that must parse cleanly for the hit to be trusted (default: `scope`). */
  region?: { line: number; endLine: number };
}

export interface RuleContext {
  file: SourceFile;
  /** The change under review, when there is one. */
  diff: readonly DiffFile[] | undefined;
  /** Reads another repository file (through `readRepoFile`). */
  readFile(path: string): Promise<string | undefined>;
  report(hit: Hit): void;
}
