import { callName, effectiveArgs, functionName } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { hasDynamicInterpolation, isConstant } from "../syntax/values.js";

/** Functions that create atoms from strings or charlists. */
export const ATOM_MAKERS = new Set(["String.to_atom", "List.to_atom", ":erlang.binary_to_atom", ":erlang.list_to_atom"]);

/**
 * An expression that creates a new atom from runtime data: `String.to_atom(x)` on a non-constant
 * argument, or an interpolated quoted atom `:"user_#{id}"`.
 */
export function isDynamicAtom(node: SyntaxNode): boolean {
  if (node.type === "quoted_atom") return hasDynamicInterpolation(node);
  if (node.type === "call" && ATOM_MAKERS.has(callName(node) ?? "")) {
    const input = effectiveArgs(node)[0];
    return input !== undefined && !isConstant(input);
  }
  return false;
}

const STARTERS = /^(start_link|start|start_child|child_spec)$/;

/** A `name:` option of a process start (`GenServer.start_link(…, name: …)`) or of a child spec tuple. */
export function isProcessNameOption(pair: SyntaxNode): boolean {
  for (let n = pair.parent; n; n = n.parent) {
    if (n.type === "call") return STARTERS.test(functionName(n) ?? "");
    if (n.type === "tuple") return true;
  }
  return false;
}
