import { isLocalCall } from "./calls.js";
import type { SyntaxNode } from "./node.js";

export const DEF_KINDS = ["def", "defp", "defmacro", "defmacrop", "defguard", "defguardp", "defn", "defnp"] as const;
const STATEMENT_LEVEL = new Set(["do_block", "body", "block", "source", "anonymous_function", "interpolation"]);

/**
 * True when `node` sits in a pattern (a function head, the left of `=`, `<-` or `->`), where
 * `{:safe, x}` or a call-like shape matches data instead of building it.
 */
export function isInPattern(node: SyntaxNode): boolean {
  for (let n = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (STATEMENT_LEVEL.has(p.type)) return false;
    if (p.type === "binary_operator" && (p.operator === "=" || p.operator === "<-")) {
      if (p.child("left") === n) return true;
      continue;
    }
    if (p.type === "stab_clause") return n.field === "left";
    if (p.type === "arguments" && p.parent && isLocalCall(p.parent, ...DEF_KINDS)) return n.type !== "keywords";
  }
  return false;
}

/** Inside `quote do … end`: code generated for another module, not run here. */
export function inQuote(node: SyntaxNode): boolean {
  if (node.memoInQuote === undefined) {
    const parent = node.parent;
    node.memoInQuote = parent !== undefined && (isLocalCall(parent, "quote") || inQuote(parent));
  }
  return node.memoInQuote;
}

/** The innermost `def`/`defp`/`defmacro`… call around `node`. */
export function enclosingDef(node: SyntaxNode): SyntaxNode | undefined {
  if (node.memoEnclosingDef === undefined) {
    const parent = node.parent;
    node.memoEnclosingDef = parent === undefined ? null : isLocalCall(parent, ...DEF_KINDS) ? parent : (enclosingDef(parent) ?? null);
  }
  return node.memoEnclosingDef ?? undefined;
}

/** The right-hand side of the last `name = …` written before `at` in the same function. */
export function assignedBefore(name: string, at: SyntaxNode): SyntaxNode | undefined {
  const assignment = enclosingDef(at)
    ?.find((n) => n.type === "binary_operator" && n.operator === "=" && n.end <= at.start && n.child("left")?.text === name)
    .pop();
  return assignment?.child("right");
}

/**
 * Code that runs when the application runs: inside a `def`/`defp` body, not in a macro, a
 * `quote` or the module body (which runs at compile time).
 */
export function isRuntimeCode(node: SyntaxNode): boolean {
  const def = enclosingDef(node);
  if (!def || !isLocalCall(def, "def", "defp")) return false;
  return !inQuote(node);
}

/** Inside the function passed as an argument (`fn … end` or `&…`), e.g. a spawned process body. */
export function inAnonymousFunction(node: SyntaxNode, within?: SyntaxNode): boolean {
  for (let n = node.parent; n && n !== within; n = n.parent) {
    if (n.type === "anonymous_function") return true;
    if (n.type === "unary_operator" && n.operator === "&") return true;
  }
  return false;
}
