import { OTP_CALLBACKS } from "../knowledge/otp.js";
import type { Rule } from "../rule.js";
import { usesModule } from "../syntax/modules.js";

export const implTrue: Rule = {
  id: "otp/impl-true",
  checklistItem: "otp-behaviours",
  severity: "minor",
  title: "OTP callback without `@impl true`",
  granularity: "function",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "`@impl true` tells the compiler this function implements a behaviour callback: a typo in the name or arity (`handle_info/3`) becomes a compile warning instead of a silently unused function, and readers see at once which functions the behaviour calls.",
  fix: "Put `@impl true` on the line before the first clause of every callback.",
  example: "use GenServer\ndef handle_call(:get, _from, state), do: {:reply, state, state}",
  check({ file, report }) {
    for (const mod of file.modules) {
      if (mod.quoted) continue;
      const callbacks = new Set(OTP_CALLBACKS.filter((b) => usesModule(mod, ...b.behaviours)).flatMap((b) => b.callbacks));
      if (callbacks.size === 0) continue;
      for (const fn of mod.functions) {
        const first = fn.clauses[0];
        if (fn.kind !== "def" || !first || !callbacks.has(`${fn.name}/${fn.arity}`)) continue;
        if (first.attributes.has("impl")) continue;
        const source = file.line(first.node.line);
        const indent = file.indentOf(first.node.line);
        report({
          node: first.node,
          endLine: first.node.line,
          message: `\`${fn.name}/${fn.arity}\` is a callback of the behaviour used by \`${mod.name}\` but has no \`@impl true\`.`,
          title: `\`${fn.name}/${fn.arity}\` callback without \`@impl true\``,
          suggestion: `${indent}@impl true\n${source}`,
          scope: { line: fn.line, endLine: fn.endLine },
        });
      }
    }
  },
};
