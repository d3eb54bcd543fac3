import { args, callName, pairKey, pairValue } from "../syntax/calls.js";
import { clauseOf } from "../syntax/modules.js";
import type { SyntaxNode } from "../syntax/node.js";
import { assignedBefore, enclosingDef } from "../syntax/patterns.js";
import { interpolations, isLiteral, isModuleAttribute } from "../syntax/values.js";

/** Calls that make HTML safe on the way in; `raw` of their result is the intended use. */
const SANITISED = /\b(HtmlSanitizeEx|sanitize\w*|html_escape|escape_html|safe_to_string|Scrubber|scrub\w*)\b|escape:\s*:html_safe/;
const SCALAR_GUARDS = /^(is_integer|is_float|is_number|is_boolean|is_atom)$/;

/**
 * Whether a value passed to `raw/1` or `{:safe, _}` is trusted: written in the code (literals,
 * module attributes — not template assigns), produced by a function called with constant
 * arguments only (`gettext("…")`, `Icons.svg(:logo)`), sanitised, or a scalar by guard.
 */
export function isTrustedHtml(node: SyntaxNode, inTemplate: boolean): boolean {
  if (SANITISED.test(node.text)) return true;
  if (isModuleAttribute(node)) return !inTemplate;
  if (isLiteral(node)) return true;
  if (node.type === "identifier") return /^__[A-Z]+__$/.test(node.text) || guardedScalar(node) || trustedOrigin(node, inTemplate);
  if (node.type === "string" || node.type === "sigil") {
    return interpolations(node).every((i) => i.items.every((item) => isTrustedHtml(item, inTemplate)));
  }
  if (node.type === "call" && pluralTranslation(node)) return true;
  if (node.type === "call") {
    const written = args(node);
    return node.children.some((c) => c.type === "arguments") && written.every((a) => isTrustedHtml(a, inTemplate) && a.type !== "identifier");
  }
  if (node.type === "binary_operator" && (node.operator === "<>" || node.operator === "||")) {
    return isTrustedHtml(node.child("left")!, inTemplate) && isTrustedHtml(node.child("right")!, inTemplate);
  }
  return false;
}

/**
 * `ngettext("<b>%{count}</b> item", "<b>%{count}</b> items", n)` whose only bindings are the
 * count: translations are written by the project, and `ngettext` requires the count to be an integer.
 */
function pluralTranslation(call: SyntaxNode): boolean {
  if (!/^d?p?ngettext$/.test(callName(call) ?? "")) return false;
  const written = args(call);
  const strings = written.filter((a) => a.type === "string");
  const bindings = written.filter((a) => a.type === "keywords").flatMap((k) => k.children.filter((c) => c.type === "pair"));
  return strings.every((s) => isLiteral(s)) && bindings.every((p) => /^(n|count)$/.test(pairKey(p)) || isLiteral(pairValue(p)!));
}

/** `def f(n) when is_integer(n)`: an integer cannot carry markup. */
function guardedScalar(id: SyntaxNode): boolean {
  const def = enclosingDef(id);
  const guard = def ? clauseOf(def)?.guard : undefined;
  return (
    guard?.some((g) => g.type === "call" && SCALAR_GUARDS.test(callName(g) ?? "") && args(g)[0]?.text === id.text) ?? false
  );
}

/** `safe = … html_escape …` or `svg = Icons.render(:logo)` earlier in the same function. */
function trustedOrigin(id: SyntaxNode, inTemplate: boolean): boolean {
  const value = assignedBefore(id.text, id);
  return value !== undefined && value.type !== "identifier" && isTrustedHtml(value, inTemplate);
}
