import { lineOfOffset, lineStarts } from "../syntax/lines.js";
import type { SyntaxNode } from "../syntax/node.js";
import { modules, type ModuleInfo } from "../syntax/modules.js";
import type { ParsedSource } from "../syntax/parser.js";
import type { FileFacts } from "./facts.js";

/** One file as the rules see it: text, path facts and, for Elixir, the tree and its modules. */
export class SourceFile {
  readonly lines: string[];
  private mods: ModuleInfo[] | undefined;
  private starts: number[] | undefined;
  private readonly derived = new Map<(file: SourceFile) => unknown, unknown>();

  constructor(
    readonly path: string,
    readonly text: string,
    readonly facts: FileFacts,
    readonly parsed: ParsedSource | undefined,
  ) {
    this.lines = text.split("\n");
  }

  /** Nodes of a type (`call`, `sigil`, `tuple` …), in source order. */
  nodes(type: string): readonly SyntaxNode[] {
    return this.parsed?.byType.get(type) ?? [];
  }

  get calls(): readonly SyntaxNode[] {
    return this.nodes("call");
  }

  get modules(): readonly ModuleInfo[] {
    this.mods ??= this.parsed ? modules(this.parsed.root, this.parsed.byType) : [];
    return this.mods;
  }

  /**
   * `analysis(this)`, computed once per file: what several rules read (the migrations of the
   * file, its template expressions) is derived once, not once per rule.
   */
  shared<T>(analysis: (file: SourceFile) => T): T {
    if (!this.derived.has(analysis)) this.derived.set(analysis, analysis(this));
    return this.derived.get(analysis) as T;
  }

  /** The text from `offset` to the end of its line. */
  restOfLine(offset: number): string {
    const nl = this.text.indexOf("\n", offset);
    return this.text.slice(offset, nl === -1 ? this.text.length : nl);
  }

  /** The leading whitespace of a 1-based line. */
  indentOf(line: number): string {
    return /^\s*/.exec(this.line(line))?.[0] ?? "";
  }

  /** The 1-based line of a character offset. */
  lineAt(offset: number): number {
    this.starts ??= lineStarts(this.text);
    return lineOfOffset(this.starts, offset);
  }

  /** 1-based column of a character offset. */
  columnAt(offset: number): number {
    return offset - this.text.lastIndexOf("\n", offset - 1);
  }

  /** The text of a 1-based line. */
  line(n: number): string {
    return this.lines[n - 1] ?? "";
  }
}
