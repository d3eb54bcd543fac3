import { args, callName, doBody, isLocalCall, statements } from "./calls.js";
import type { SyntaxNode } from "./node.js";
import { DEF_KINDS, inQuote } from "./patterns.js";
import { isLiteral } from "./values.js";

export type DefKind = (typeof DEF_KINDS)[number];

/** Attributes that belong to the function defined next. */
const CLAUSE_ATTRIBUTES = new Set(["impl", "doc", "spec", "deprecated", "since", "dialyzer"]);

/** One clause of a function: `def name(params) when guard, do: body`. */
export interface Clause {
  kind: DefKind;
  name: string;
  arity: number;
  /** Parameters with a default (`\\`): the clause also defines arities `arity - defaults … arity`. */
  defaults: number;
  node: SyntaxNode;
  params: SyntaxNode[];
  guard: SyntaxNode | undefined;
  body: SyntaxNode | undefined;
  /** Module attributes written between the previous definition and this clause (`impl`, `doc`, `spec` …). */
  attributes: Map<string, SyntaxNode>;
}

/** All clauses of `name/arity`, in source order. */
export interface FunctionDef {
  kind: DefKind;
  name: string;
  arity: number;
  clauses: Clause[];
  line: number;
  endLine: number;
}

export interface ModuleInfo {
  node: SyntaxNode;
  name: string;
  /** `use X` / `use X, :opt`: module name and the first option's text. */
  uses: { module: string; option: string | undefined; node: SyntaxNode }[];
  /** `@behaviour X` module names. */
  behaviours: string[];
  /** Module-level attributes by name (first occurrence). */
  attributes: Map<string, SyntaxNode>;
  functions: FunctionDef[];
  /** The module is defined inside `quote` (a macro template). */
  quoted: boolean;
}

/** Every `defmodule` in the file (nested ones too, with their full names). */
export function modules(root: SyntaxNode, byType: Map<string, SyntaxNode[]>): ModuleInfo[] {
  const out: ModuleInfo[] = [];
  for (const call of byType.get("call") ?? []) {
    if (!isLocalCall(call, "defmodule")) continue;
    const nameNode = args(call)[0];
    if (!nameNode) continue;
    const outer = call.ancestor((n) => isLocalCall(n, "defmodule"));
    const own = nameNode.text;
    const name = outer && nameNode.type === "alias" ? `${moduleNameOf(outer)}.${own}` : own;
    out.push(describe(call, name));
  }
  return out;
}

function moduleNameOf(defmodule: SyntaxNode): string {
  const name = args(defmodule)[0]?.text ?? "";
  const outer = defmodule.ancestor((n) => isLocalCall(n, "defmodule"));
  return outer ? `${moduleNameOf(outer)}.${name}` : name;
}

function describe(node: SyntaxNode, name: string): ModuleInfo {
  const info: ModuleInfo = { node, name, uses: [], behaviours: [], attributes: new Map(), functions: [], quoted: inQuote(node) };
  let pending = new Map<string, SyntaxNode>();
  const byKey = new Map<string, FunctionDef>();
  for (const stmt of statements(doBody(node))) {
    const attr = attributeOf(stmt);
    if (attr) {
      if (CLAUSE_ATTRIBUTES.has(attr.name)) pending.set(attr.name, attr.value ?? stmt);
      if (!info.attributes.has(attr.name)) info.attributes.set(attr.name, attr.value ?? stmt);
      if (attr.name === "behaviour" && attr.value) info.behaviours.push(attr.value.text);
      continue;
    }
    if (isLocalCall(stmt, "use")) {
      const [mod, opt] = args(stmt);
      if (mod) info.uses.push({ module: mod.text, option: opt && isLiteral(opt) ? opt.text : undefined, node: stmt });
      continue;
    }
    const clause = clauseOf(stmt, pending);
    if (!clause) continue;
    pending = new Map();
    const key = `${clause.kind}:${clause.name}/${clause.arity}`;
    let fn = byKey.get(key);
    if (!fn) {
      fn = { kind: clause.kind, name: clause.name, arity: clause.arity, clauses: [], line: stmt.line, endLine: stmt.endLine };
      byKey.set(key, fn);
      info.functions.push(fn);
    }
    fn.clauses.push(clause);
    fn.endLine = Math.max(fn.endLine, stmt.endLine);
  }
  return info;
}

/** `@name value` → { name, value }. */
export function attributeOf(stmt: SyntaxNode): { name: string; value: SyntaxNode | undefined } | undefined {
  if (stmt.type !== "unary_operator" || stmt.operator !== "@") return undefined;
  const operand = stmt.child("operand");
  if (operand?.type === "identifier") return { name: operand.text, value: undefined };
  if (operand?.type !== "call") return undefined;
  const target = operand.child("target");
  if (target?.type !== "identifier") return undefined;
  return { name: target.text, value: args(operand)[0] };
}

/** Parses `def name(params) when guard, do: body` into a clause; undefined for other statements. */
export function clauseOf(stmt: SyntaxNode, attributes: Map<string, SyntaxNode> = new Map()): Clause | undefined {
  if (stmt.type !== "call") return undefined;
  const kind = callName(stmt) as DefKind | undefined;
  if (!kind || !(DEF_KINDS as readonly string[]).includes(kind)) return undefined;
  let head = args(stmt)[0];
  let guard: SyntaxNode | undefined;
  if (head?.type === "binary_operator" && head.operator === "when") {
    guard = head.child("right");
    head = head.child("left");
  }
  if (!head) return undefined;
  let name: string;
  let params: SyntaxNode[] = [];
  if (head.type === "identifier") name = head.text;
  else if (head.type === "call" && head.child("target")?.type === "identifier") {
    name = head.child("target")!.text;
    params = args(head);
  } else return undefined;
  if (name === "unquote") return undefined;
  const defaults = params.filter((p) => p.type === "binary_operator" && p.operator === "\\\\").length;
  return { kind, name, arity: params.length, defaults, node: stmt, params, guard, body: doBody(stmt), attributes };
}

/** The module's `use`d and `@behaviour` modules, by their full written names. */
export function usesModule(mod: ModuleInfo, ...names: string[]): boolean {
  return mod.uses.some((u) => names.includes(u.module)) || mod.behaviours.some((b) => names.includes(b));
}

/** `use MyAppWeb, :live_view` → "live_view" (the Phoenix web-module convention). */
export function webRole(mod: ModuleInfo): string | undefined {
  for (const u of mod.uses) {
    if (u.option?.startsWith(":") && /Web$/.test(u.module)) return u.option.slice(1);
  }
  return undefined;
}

/** The innermost module around a node. */
export function moduleOf(node: SyntaxNode, mods: readonly ModuleInfo[]): ModuleInfo | undefined {
  let best: ModuleInfo | undefined;
  for (const m of mods) if (m.node.contains(node) && (!best || best.node.contains(m.node))) best = m;
  return best;
}

/** The function (all clauses) whose clause contains `node`. */
export function functionOf(node: SyntaxNode, mod: ModuleInfo | undefined): { fn: FunctionDef; clause: Clause } | undefined {
  if (!mod) return undefined;
  for (const fn of mod.functions) for (const clause of fn.clauses) if (clause.node.contains(node)) return { fn, clause };
  return undefined;
}

/** `name/arity` of every `@spec` in the module (all arities a spec's function covers). */
export function specsOf(mod: ModuleInfo): Set<string> {
  const out = new Set<string>();
  for (const stmt of statements(doBody(mod.node))) {
    const attr = attributeOf(stmt);
    if (attr?.name !== "spec" || !attr.value) continue;
    let sig = attr.value;
    if (sig.type === "binary_operator" && sig.operator === "when") sig = sig.child("left") ?? sig;
    if (sig.type === "binary_operator" && sig.operator === "::") sig = sig.child("left") ?? sig;
    if (sig.type === "call" && sig.child("target")?.type === "identifier") out.add(`${sig.child("target")!.text}/${args(sig).length}`);
    else if (sig.type === "identifier") out.add(`${sig.text}/0`);
  }
  return out;
}
