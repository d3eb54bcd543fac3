import { isLocalCall } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { atomValue } from "../syntax/values.js";
import { args } from "../syntax/calls.js";

const ROOT_OBJECTS = new Set(["query", "mutation", "subscription"]);

/**
 * For a node inside an inline field resolver of an Absinthe object type
 * (`object :user do field :posts, … do resolve fn user, _, _ -> … end end end`), the resolver
 * function when it uses its parent argument — it then runs once per parent object. Root fields
 * (`query`, `mutation`, `subscription`) run once per request and are not returned.
 */
export function perParentResolver(node: SyntaxNode): { resolver: SyntaxNode; parent: string; object: string } | undefined {
  const resolver = node.ancestor((n) => n.type === "anonymous_function");
  if (!resolver) return undefined;
  const field = resolver.ancestor((n) => isLocalCall(n, "field"));
  const object = field?.ancestor((n) => isLocalCall(n, "object", "interface", "query", "mutation", "subscription", "extend"));
  if (!field || !object || !isLocalCall(object, "object", "interface")) return undefined;
  const objectName = args(object)[0];
  const name = objectName ? atomValue(objectName) : undefined;
  if (!name || ROOT_OBJECTS.has(name)) return undefined;
  const first = resolver.children.find((c) => c.type === "stab_clause")?.child("left")?.items[0];
  if (!first || (first.type === "identifier" && first.text.startsWith("_"))) return undefined;
  if (/\b(dataloader|Dataloader|batch|on_load)\b/.test(resolver.text)) return undefined;
  return { resolver, parent: first.text, object: name };
}
