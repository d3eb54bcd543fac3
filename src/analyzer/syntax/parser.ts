import { createRequire } from "node:module";
import { Language, Parser, type TreeCursor } from "web-tree-sitter";
import { lineOfOffset, lineStarts } from "./lines.js";
import { SyntaxNode } from "./node.js";

/** A parsed file: the JS tree, its nodes by type, and the regions tree-sitter could not parse. */
export interface ParsedSource {
  root: SyntaxNode;
  byType: Map<string, SyntaxNode[]>;
  /** 1-based inclusive line ranges of ERROR and MISSING nodes. */
  errors: { line: number; endLine: number }[];
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
    return convert(cursor, source, tree.rootNode.hasError, parser.language!);
  } finally {
    cursor.delete();
    tree.delete();
  }
}

interface TypeInfo {
  name: string;
  named: boolean;
}

const typeCache = new WeakMap<Language, TypeInfo[]>();

function typeInfo(language: Language, id: number): TypeInfo {
  let cache = typeCache.get(language);
  if (!cache) typeCache.set(language, (cache = []));
  let info = cache[id];
  if (!info) cache[id] = info = { name: language.nodeTypeForId(id) ?? "?", named: language.nodeTypeIsNamed(id) };
  return info;
}

/**
 * Walks the WASM tree once with a cursor. Every property read crosses into WASM, so each node
 * costs only four reads (type id, field id, start, end); names come from per-language caches
 * and line/column from a JS line table.
 */
function convert(cursor: TreeCursor, source: string, hasError: boolean, language: Language): ParsedSource {
  const byType = new Map<string, SyntaxNode[]>();
  const errors: ParsedSource["errors"] = [];
  const starts = lineStarts(source);
  const lineOf = (offset: number): number => lineOfOffset(starts, offset);

  /** The node at the cursor, or undefined for punctuation and comments (not kept). */
  const visit = (parent: SyntaxNode | undefined): SyntaxNode | undefined => {
    const type = typeInfo(language, cursor.nodeTypeId);
    const fieldId = cursor.currentFieldId;
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const missing = hasError && start === end && cursor.nodeIsMissing;
    const keep = missing || (type.named ? type.name !== "comment" : fieldId !== 0);
    if (!keep) return undefined;
    const line = lineOf(start);
    const node = new SyntaxNode(
      source,
      type.name,
      type.named,
      fieldId === 0 ? undefined : (language.fields[fieldId] ?? undefined),
      start,
      end,
      line,
      start - starts[line - 1]! + 1,
      end === start ? line : lineOf(end - 1),
    );
    node.parent = parent;
    let list = byType.get(type.name);
    if (!list) byType.set(type.name, (list = []));
    list.push(node);
    if (type.name === "ERROR" || missing) errors.push({ line: node.line, endLine: node.endLine });
    return node;
  };

  const root = visit(undefined)!;
  let parent = root;
  // Iterative pre-order walk: descend, then siblings, then climb.
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const node = visit(parent);
      if (node) parent.children.push(node);
      if (node && cursor.gotoFirstChild()) {
        parent = node;
        continue;
      }
      let moved = cursor.gotoNextSibling();
      while (!moved) {
        // Back up to `parent`; its next sibling belongs to the grandparent.
        if (!cursor.gotoParent() || cursor.currentDepth === 0 || !parent.parent) {
          return { root, byType, errors };
        }
        parent = parent.parent;
        moved = cursor.gotoNextSibling();
      }
    }
  }
  return { root, byType, errors };
}
