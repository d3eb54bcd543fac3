import type { SyntaxNode } from "./node.js";

const SCALARS = new Set(["atom", "integer", "float", "char", "boolean", "nil", "keyword"]);
const QUOTED = new Set(["string", "charlist", "quoted_atom", "sigil"]);
const CONTAINERS = new Set(["list", "tuple", "map", "map_content", "keywords", "pair", "struct"]);

/** Interpolations (`#{…}`) directly inside a string, charlist, quoted atom or sigil. */
export function interpolations(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.type === "interpolation");
}

/** A value fully written in the source: no variables, calls or interpolation. */
export function isLiteral(node: SyntaxNode): boolean {
  if (SCALARS.has(node.type)) return true;
  if (QUOTED.has(node.type)) return interpolations(node).length === 0;
  if (node.type === "alias") return true;
  if (CONTAINERS.has(node.type)) return node.children.every((c) => !c.named || c.field === "key" || isLiteral(c));
  if (node.type === "quoted_content" || node.type === "sigil_name" || node.type === "sigil_modifiers") return true;
  if (node.type === "binary_operator" && ["<>", "++", "..", "|"].includes(node.operator ?? "")) {
    return isLiteral(node.child("left")!) && isLiteral(node.child("right")!);
  }
  if (node.type === "unary_operator" && ["-", "+"].includes(node.operator ?? "")) {
    const operand = node.child("operand");
    return operand !== undefined && isLiteral(operand);
  }
  return false;
}

/** `@attribute` (a compile-time constant of the module). */
export function isModuleAttribute(node: SyntaxNode): boolean {
  return node.type === "unary_operator" && node.operator === "@" && node.child("operand")?.type === "identifier";
}

/**
 * Known when the code is compiled: literals, module attributes, `__MODULE__`, and strings whose
 * interpolations are themselves constant. Such values cannot carry request input.
 */
export function isConstant(node: SyntaxNode): boolean {
  if (isLiteral(node) || isModuleAttribute(node)) return true;
  if (node.type === "identifier" && /^__[A-Z]+__$/.test(node.text)) return true;
  if (QUOTED.has(node.type)) return interpolations(node).every((i) => i.items.every(isConstant));
  if (CONTAINERS.has(node.type)) return node.children.every((c) => !c.named || c.field === "key" || isConstant(c));
  if (node.type === "binary_operator" && ["<>", "++"].includes(node.operator ?? "")) {
    return isConstant(node.child("left")!) && isConstant(node.child("right")!);
  }
  return false;
}

/** Strings and sigils with at least one interpolation of a non-constant expression. */
export function hasDynamicInterpolation(node: SyntaxNode): boolean {
  return QUOTED.has(node.type) && interpolations(node).some((i) => !i.items.every(isConstant));
}

/** The text of a string literal without its delimiters (undefined when interpolated). */
export function stringValue(node: SyntaxNode): string | undefined {
  if ((node.type !== "string" && node.type !== "sigil" && node.type !== "charlist") || interpolations(node).length > 0) {
    return undefined;
  }
  return node.children
    .filter((c) => c.type === "quoted_content" || c.type === "escape_sequence")
    .map((c) => c.text)
    .join("");
}

/** An atom's name without the colon (`:safe` → `safe`), or undefined. */
export function atomValue(node: SyntaxNode): string | undefined {
  if (node.type === "atom") return node.text.replace(/^:/, "").replace(/^"|"$/g, "");
  if (node.type === "quoted_atom" && interpolations(node).length === 0) {
    return node.children.filter((c) => c.type === "quoted_content").map((c) => c.text).join("");
  }
  return undefined;
}
