import { createRequire } from "node:module";
import { Language, Parser, type TreeCursor } from "web-tree-sitter";
import { SyntaxNode } from "./node.js";

/** A parsed file: the JS tree, its nodes by type, and the regions tree-sitter could not parse. */
export interface ParsedSource {
  root: SyntaxNode;
  byType: Map<string, SyntaxNode[]>;
  /** 1-based inclusive line ranges of ERROR and MISSING nodes. */
  errors: { line: number; endLine: number }[];
  nodeCount: number;
}

let ready: Promise<Parser> | undefined;

/** The one Elixir parser of this process, initialised on first use and reused. */
export function elixirParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve("tree-sitter-elixir/tree-sitter-elixir.wasm");
    const language = await Language.load(wasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return ready;
}

/** Parses Elixir source into a JS tree; the WASM tree is deleted before returning. */
export async function parseElixir(source: string): Promise<ParsedSource> {
  const parser = await elixirParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error("tree-sitter returned no tree");
  const cursor = tree.walk();
  try {
    return convert(cursor, source);
  } finally {
    cursor.delete();
    tree.delete();
  }
}

function convert(cursor: TreeCursor, source: string): ParsedSource {
  const byType = new Map<string, SyntaxNode[]>();
  const errors: ParsedSource["errors"] = [];
  let nodeCount = 0;
  const make = (parent: SyntaxNode | undefined): SyntaxNode => {
    const start = cursor.startPosition;
    const end = cursor.endPosition;
    const type = cursor.nodeType;
    const node = new SyntaxNode(
      source,
      type,
      cursor.nodeIsNamed,
      cursor.currentFieldName ?? undefined,
      cursor.startIndex,
      cursor.endIndex,
      start.row + 1,
      start.column + 1,
      end.row + 1,
    );
    node.parent = parent;
    nodeCount++;
    let list = byType.get(type);
    if (!list) byType.set(type, (list = []));
    list.push(node);
    if (type === "ERROR" || cursor.nodeIsMissing) errors.push({ line: node.line, endLine: node.endLine });
    return node;
  };

  const root = make(undefined);
  let parent = root;
  // Iterative pre-order walk: descend, then siblings, then climb.
  if (cursor.gotoFirstChild()) {
    for (;;) {
      let node: SyntaxNode | undefined;
      if (keep(cursor)) {
        node = make(parent);
        parent.children.push(node);
      }
      if (node && cursor.gotoFirstChild()) {
        parent = node;
        continue;
      }
      let moved = cursor.gotoNextSibling();
      while (!moved) {
        // Back up to `parent`; its next sibling belongs to the grandparent.
        if (!cursor.gotoParent() || cursor.currentDepth === 0 || !parent.parent) {
          return { root, byType, errors, nodeCount };
        }
        parent = parent.parent;
        moved = cursor.gotoNextSibling();
      }
    }
  }
  return { root, byType, errors, nodeCount };
}

/** Named nodes (except comments) and anonymous nodes with a field (operators, delimiters). */
function keep(cursor: TreeCursor): boolean {
  if (cursor.nodeIsMissing) return true;
  if (cursor.nodeIsNamed) return cursor.nodeType !== "comment";
  return cursor.currentFieldName !== null;
}
