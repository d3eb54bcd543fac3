/**
 * A plain-JavaScript copy of the tree-sitter tree: rules walk JS objects (cheap) instead of
 * crossing into WASM for every property, and the WASM tree is freed right after parsing.
 * Only named nodes and anonymous nodes that carry a field (operators, quote delimiters) are
 * kept; punctuation and comments are dropped.
 */
export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  parent: SyntaxNode | undefined;
  /** Memo slots for helpers many rules ask about the same node (`calls.ts`, `patterns.ts`); `null` = computed, none. */
  memoCallName: string | null | undefined = undefined;
  memoEnclosingDef: SyntaxNode | null | undefined = undefined;
  memoInQuote: boolean | undefined = undefined;

  constructor(
    readonly source: string,
    readonly type: string,
    readonly named: boolean,
    readonly field: string | undefined,
    /** UTF-16 offsets into `source`. */
    readonly start: number,
    readonly end: number,
    /** 1-based line and column. */
    readonly line: number,
    readonly column: number,
    readonly endLine: number,
  ) {}

  get text(): string {
    return this.source.slice(this.start, this.end);
  }

  /** The first child with this field name (`left`, `right`, `operator`, `target` …). */
  child(field: string): SyntaxNode | undefined {
    for (const c of this.children) if (c.field === field) return c;
    return undefined;
  }

  /** Named children without a field (e.g. the expressions of a `do_block`). */
  get items(): SyntaxNode[] {
    return this.children.filter((c) => c.named && c.field === undefined);
  }

  /** Operator text of a binary or unary operator. */
  get operator(): string | undefined {
    return this.child("operator")?.text;
  }

  /** True when `other` is this node or inside it. */
  contains(other: SyntaxNode): boolean {
    return other.start >= this.start && other.end <= this.end;
  }

  /** Nearest ancestor (not self) satisfying `test`. */
  ancestor(test: (node: SyntaxNode) => boolean): SyntaxNode | undefined {
    for (let n = this.parent; n; n = n.parent) if (test(n)) return n;
    return undefined;
  }

  /** Pre-order walk of this node and its descendants; return false from `visit` to skip a subtree. */
  walk(visit: (node: SyntaxNode) => boolean | void): void {
    if (visit(this) === false) return;
    for (const c of this.children) c.walk(visit);
  }

  /** All descendants (and self) matching `test`. */
  find(test: (node: SyntaxNode) => boolean): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    this.walk((n) => {
      if (test(n)) out.push(n);
    });
    return out;
  }

  some(test: (node: SyntaxNode) => boolean): boolean {
    if (test(this)) return true;
    for (const c of this.children) if (c.some(test)) return true;
    return false;
  }
}
