import { isDynamicAtom, isProcessNameOption } from "../knowledge/atoms.js";
import { isClientInputCallback } from "../knowledge/roles.js";
import type { Rule } from "../rule.js";
import { callName, effectiveArgs, pairKey } from "../syntax/calls.js";
import { externalInput } from "../knowledge/input.js";
import { functionOf, moduleOf } from "../syntax/modules.js";
import type { SyntaxNode } from "../syntax/node.js";
import { isInPattern, isRuntimeCode } from "../syntax/patterns.js";
import type { SourceFile } from "../engine/source-file.js";

const EXISTING: Record<string, string> = {
  "String.to_atom": "String.to_existing_atom",
  "List.to_atom": "List.to_existing_atom",
  ":erlang.binary_to_atom": ":erlang.binary_to_existing_atom",
  ":erlang.list_to_atom": ":erlang.list_to_existing_atom",
};

export const atomFromInput: Rule = {
  id: "security/atom-from-input",
  checklistItem: "security-atom-exhaustion",
  severity: "major",
  title: "Atom created from runtime data",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "Atoms are never garbage-collected and the VM allows about a million of them: converting request parameters, headers, file contents or database values to atoms lets an attacker (or plain growth) fill the atom table, and then the whole node crashes with `system_limit`.",
  fix:
    "Map known strings explicitly (`case s do \"asc\" -> :asc; \"desc\" -> :desc end`), keep the value a string, or use `String.to_existing_atom/1`, which only succeeds for atoms the code already defines.",
  example: "order = String.to_atom(params[\"order\"])",
  check({ file, report }) {
    if (file.facts.script || file.facts.mixTask) return;
    const candidates = [...file.calls, ...file.nodes("quoted_atom")];
    for (const node of candidates) {
      if (!isDynamicAtom(node) || !isRuntimeCode(node) || isInPattern(node)) continue;
      if (coveredElsewhere(node, file)) continue;
      const input = node.type === "call" ? effectiveArgs(node)[0] : node;
      const external = input ? externalInput(input, file) : undefined;
      if (!external) continue;
      const name = node.type === "call" ? callName(node)! : undefined;
      const existing = name ? EXISTING[name] : undefined;
      const source = file.line(node.line);
      const hit = {
        node,
        endLine: node.line,
        message: name
          ? `\`${name}\` turns \`${argText(node)}\` into a new atom at runtime, and ${external}.`
          : `The interpolated atom \`${node.text.slice(0, 60)}\` creates a new atom for every distinct value, and ${external}.`,
      };
      if (name && existing && source.split(`${name}(`).length === 2) {
        report({ ...hit, suggestion: source.replace(`${name}(`, `${existing}(`) });
      } else report(hit);
    }
  },
};

function argText(call: SyntaxNode): string {
  const text = call.text.replace(/^[^(]*\(/, "").replace(/\)$/, "");
  return text.length > 60 ? `${text.slice(0, 57)}…` : text || "the piped value";
}

/** Reported by a more specific rule: process names (otp/dynamic-process-name), client events (liveview/event-to-atom). */
function coveredElsewhere(node: SyntaxNode, file: SourceFile): boolean {
  if (node.parent?.type === "pair" && pairKey(node.parent) === "name" && isProcessNameOption(node.parent)) return true;
  const mod = moduleOf(node, file.modules);
  if (!mod) return false;
  const fn = functionOf(node, mod)?.fn;
  return fn !== undefined && isClientInputCallback(mod, file, fn.name, fn.arity);
}
