import type { SyntaxNode } from "./node.js";

/**
 * Call helpers. tree-sitter-elixir represents `Repo.all(q)` as
 * `call(target: dot(left: alias, right: identifier), arguments)` and `spawn(f)` as
 * `call(target: identifier, arguments)`.
 */

/** `Repo.all`, `:erlang.binary_to_term`, `spawn`; undefined for calls on variables (`fun.()`). */
export function callName(call: SyntaxNode): string | undefined {
  if (call.memoCallName === undefined) call.memoCallName = computeCallName(call) ?? null;
  return call.memoCallName ?? undefined;
}

function computeCallName(call: SyntaxNode): string | undefined {
  const target = call.child("target");
  if (!target) return undefined;
  if (target.type === "identifier") return target.text;
  if (target.type !== "dot") return undefined;
  const left = target.child("left");
  const right = target.child("right");
  if (!left || !right || right.type !== "identifier") return undefined;
  if (left.type === "alias" || left.type === "atom") return `${left.text}.${right.text}`;
  if (left.type === "identifier" && left.text === "__MODULE__") return `__MODULE__.${right.text}`;
  return undefined;
}

/** The function name of a call (`all` for `Repo.all`). */
export function functionName(call: SyntaxNode): string | undefined {
  const target = call.child("target");
  if (target?.type === "identifier") return target.text;
  if (target?.type === "dot") {
    const right = target.child("right");
    if (right?.type === "identifier") return right.text;
  }
  return undefined;
}

/** The module part of a remote call (`Repo` for `Repo.all`, `:erlang`); undefined for local calls. */
export function moduleName(call: SyntaxNode): string | undefined {
  const target = call.child("target");
  if (target?.type !== "dot") return undefined;
  const left = target.child("left");
  if (left?.type === "alias" || left?.type === "atom") return left.text;
  return undefined;
}

/** A local call (`def`, `assign`, `raw`) with this name. */
export function isLocalCall(node: SyntaxNode, ...names: string[]): boolean {
  if (node.type !== "call") return false;
  const name = callName(node);
  return name !== undefined && !name.includes(".") && names.includes(name);
}

/** The written arguments (without a trailing `do` block). */
export function args(call: SyntaxNode): SyntaxNode[] {
  const list = call.children.find((c) => c.type === "arguments");
  return list ? list.items : [];
}

/** True when the call is written with an argument list (not a `&Mod.fun/2` reference). */
export function hasArgumentList(call: SyntaxNode): boolean {
  return call.children.some((c) => c.type === "arguments");
}

/** The value piped into this call (`x` in `x |> f(y)`), when it is the right side of `|>`. */
export function pipedInto(call: SyntaxNode): SyntaxNode | undefined {
  const parent = call.parent;
  if (parent?.type === "binary_operator" && parent.operator === "|>" && parent.child("right") === call) {
    return parent.child("left");
  }
  return undefined;
}

/** Arguments as the function receives them: the piped value first. */
export function effectiveArgs(call: SyntaxNode): SyntaxNode[] {
  const piped = pipedInto(call);
  const written = args(call);
  return piped ? [piped, ...written] : written;
}

/** The trailing keyword list of a call (`name: x` in `start_link(M, a, name: x)`). */
export function keywordPairs(call: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const arg of args(call)) {
    if (arg.type === "keywords") out.push(...arg.children.filter((c) => c.type === "pair"));
    if (arg.type === "list") {
      for (const item of arg.items) if (item.type === "keywords") out.push(...item.children.filter((c) => c.type === "pair"));
    }
  }
  return out;
}

/** The key of a keyword pair, without the colon (`name` for `name: x`). */
export function pairKey(pair: SyntaxNode): string {
  return (pair.child("key")?.text ?? "").replace(/:\s*$/, "").replace(/^"|"$/g, "");
}

export function pairValue(pair: SyntaxNode): SyntaxNode | undefined {
  return pair.child("value");
}

/** Value of keyword `key` in the call's options, if written literally. */
export function keywordValue(call: SyntaxNode, key: string): SyntaxNode | undefined {
  const pair = keywordPairs(call).find((p) => pairKey(p) === key);
  return pair ? pairValue(pair) : undefined;
}

/** The body of a call with a `do` block or a `do:` keyword (`quote`, `def`, `for`). */
export function doBody(call: SyntaxNode): SyntaxNode | undefined {
  const block = call.children.find((c) => c.type === "do_block");
  if (block) return block;
  return keywordValue(call, "do");
}

/** Expressions of a block: the items of a `do_block`/`body`, or the node itself. */
export function statements(block: SyntaxNode | undefined): SyntaxNode[] {
  if (!block) return [];
  if (block.type === "do_block" || block.type === "body" || block.type === "block") {
    return block.children.filter((c) => c.named && c.field === undefined && c.type !== "else_block" && c.type !== "rescue_block" && c.type !== "after_block" && c.type !== "catch_block");
  }
  return [block];
}
