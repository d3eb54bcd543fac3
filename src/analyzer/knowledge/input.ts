import type { SourceFile } from "../engine/source-file.js";
import { callName } from "../syntax/calls.js";
import { clauseOf, moduleOf } from "../syntax/modules.js";
import type { SyntaxNode } from "../syntax/node.js";
import { assignedBefore, enclosingDef } from "../syntax/patterns.js";
import { isLiteral } from "../syntax/values.js";
import { webRoleOf } from "./roles.js";

/** Names that, by convention, hold data from outside: request params, decoded payloads, API responses. */
const EXTERNAL_NAME = /^(params|payload|body|body_params|query_params|path_params|json|decoded|request|headers|user_input|attrs|response|resp|webhook)$/;
const DECODERS = /^(Jason|Poison|JSON|Plug\.Conn|URI|Plug\.Conn\.Query)\.(decode!?|fetch_query_params|decode_query|query_decoder|read_body|get_req_header)$/;

/**
 * Why `value` plausibly carries data from outside the application (a request, a decoded payload,
 * a map's arbitrary keys), or undefined when nothing says so. Values constrained by a guard such
 * as `when x in ["a", "b"]` are never external.
 */
export function externalInput(value: SyntaxNode, file: SourceFile): string | undefined {
  const names = identifiers(value);
  if (names.some((n) => guardedByLiteralList(n, value))) return undefined;
  const request = requestParams(value, file);
  for (const name of names) {
    if (request.has(name)) return `\`${name}\` comes from the request's parameters`;
    if (EXTERNAL_NAME.test(name)) return `\`${name}\` holds external data`;
    const origin = assignedBefore(name, value);
    if (origin?.type === "call" && decodes(origin)) return `\`${name}\` comes from \`${callName(origin) ?? "a decoder"}\``;
    const via = origin ? identifiers(origin).find((n) => request.has(n) || EXTERNAL_NAME.test(n)) : undefined;
    if (via) return `\`${name}\` is derived from \`${via}\`, which holds external data`;
    if (isMapKey(name, value)) return `\`${name}\` is an arbitrary key of a map`;
  }
  if (value.some((n) => n.type === "call" && decodes(n))) return "it converts decoded external data";
  return undefined;
}

/** Variable names read by an expression. */
function identifiers(node: SyntaxNode): string[] {
  const isFunctionName = (n: SyntaxNode) =>
    (n.field === "target" && n.parent?.type === "call") || (n.field === "right" && n.parent?.type === "dot" && n.parent.field === "target");
  return node.find((n) => n.type === "identifier" && !isFunctionName(n)).map((n) => n.text);
}

function decodes(call: SyntaxNode): boolean {
  return call.type === "call" && DECODERS.test(callName(call) ?? "");
}

/** Which argument of a callback carries request data, by layer: `def show(conn, params)`, `handle_event(e, params, s)` … */
const REQUEST_ARGUMENT: Partial<Record<string, Record<string, number>>> = {
  controller: { "*": 1 },
  live_view: { "mount/3": 0, "handle_params/3": 0, "handle_event/3": 1 },
  live_component: { "handle_event/3": 1, "update/2": 0 },
  channel: { "join/3": 1, "handle_in/3": 1 },
  resolver: { "*": 1 },
};

/** Variables bound by the request-data argument of the enclosing callback (controller action params, event payload …). */
function requestParams(at: SyntaxNode, file: SourceFile): Set<string> {
  const def = enclosingDef(at);
  const clause = def ? clauseOf(def) : undefined;
  const mod = moduleOf(at, file.modules);
  const role = mod ? webRoleOf(mod, file) : undefined;
  const positions = role ? REQUEST_ARGUMENT[role] : undefined;
  if (!clause || !positions || clause.kind !== "def") return new Set();
  const index = positions[`${clause.name}/${clause.arity}`] ?? (clause.arity >= 2 && role !== "resolver" ? positions["*"] : clause.arity === 3 ? positions["*"] : undefined);
  const param = index === undefined ? undefined : clause.params[index];
  return new Set(param ? identifiers(param) : []);
}

/** `fn {key, value} -> … end` / `for {key, value} <- map`: the key of an arbitrary map being iterated. */
function isMapKey(name: string, at: SyntaxNode): boolean {
  for (let n = at.parent; n; n = n.parent) {
    if (n.type === "stab_clause" && n.parent?.type === "anonymous_function") {
      const pattern = n.child("left")?.items[0];
      if (pattern?.type === "tuple" && pattern.items.length === 2 && pattern.items[0]?.text === name) return true;
    }
    if (n.type === "call" && callName(n) === "for") {
      const generator = n.find((g) => g.type === "binary_operator" && g.operator === "<-")[0];
      const pattern = generator?.child("left");
      if (pattern?.type === "tuple" && pattern.items.length === 2 && pattern.items[0]?.text === name) return true;
    }
    if (n.type === "call" && clauseOf(n)) return false;
  }
  return false;
}

/** `when x in ["a", "b"]` (in a function head or a `case`/`fn` clause) bounds `x` to literals. */
export function guardedByLiteralList(name: string, at: SyntaxNode): boolean {
  for (let n = at.parent; n; n = n.parent) {
    let guard: SyntaxNode | undefined;
    if (n.type === "stab_clause") {
      const left = n.child("left");
      guard = left?.type === "binary_operator" && left.operator === "when" ? left.child("right") : undefined;
    } else if (n.type === "call") guard = clauseOf(n)?.guard;
    if (
      guard?.some(
        (g) => g.type === "binary_operator" && g.operator === "in" && g.child("left")?.text === name && isLiteral(g.child("right")!),
      )
    ) {
      return true;
    }
  }
  return false;
}
