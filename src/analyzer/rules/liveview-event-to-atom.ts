import { isDynamicAtom } from "../knowledge/atoms.js";
import { isClientInputCallback } from "../knowledge/roles.js";
import type { Rule } from "../rule.js";
import { guardedByLiteralList } from "../knowledge/input.js";
import { callName, effectiveArgs } from "../syntax/calls.js";
import { isInPattern } from "../syntax/patterns.js";

export const eventToAtom: Rule = {
  id: "liveview/event-to-atom",
  checklistItem: "liveview-lifecycle",
  severity: "major",
  title: "Client event data converted to atoms",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "Event payloads, URL params and channel messages are written by the browser — anyone can send any string over the socket. Turning them into atoms lets a client create atoms without limit (they are never freed) until the VM crashes for every user.",
  fix: "Match the expected strings directly in the function head (`def handle_event(\"sort\", %{\"by\" => \"name\"}, socket)`), map them through an explicit allow-list, or use `String.to_existing_atom/1` inside a `rescue ArgumentError`.",
  example: "def handle_event(\"sort\", %{\"by\" => by}, socket) do\n  {:noreply, assign(socket, sort: String.to_atom(by))}\nend",
  check({ file, report }) {
    for (const mod of file.modules) {
      if (mod.quoted) continue;
      for (const fn of mod.functions) {
        if (!isClientInputCallback(mod, file, fn.name, fn.arity)) continue;
        for (const clause of fn.clauses) {
          clause.body?.walk((node) => {
            if ((node.type !== "call" && node.type !== "quoted_atom") || !isDynamicAtom(node) || isInPattern(node)) return;
            const input = node.type === "call" ? effectiveArgs(node)[0] : undefined;
            if (input?.type === "identifier" && guardedByLiteralList(input.text, node)) return;
            report({
              node,
              endLine: node.line,
              message: `\`${mod.name}.${fn.name}/${fn.arity}\` creates atoms from client data with \`${callName(node) ?? node.text.slice(0, 40)}\`.`,
            });
          });
        }
      }
    }
  },
};
