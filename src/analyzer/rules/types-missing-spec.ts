import { webRoleOf } from "../knowledge/roles.js";
import type { Rule } from "../rule.js";
import { specsOf } from "../syntax/modules.js";

/** Callbacks and generated functions that never need their own spec. */
const EXEMPT = /^(__\w+__|exception|message|child_spec|init|handle_\w+|terminate|code_change|format_status|mount|render|update)$/;

export const missingSpec: Rule = {
  id: "types/missing-spec",
  checklistItem: "typespecs",
  severity: "info",
  title: "Public function without `@spec`",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "A `@spec` documents the contract callers rely on and lets Dialyzer check both sides of it; without one, Dialyzer infers whatever the code happens to return, so breaking changes to the return shape go unnoticed until runtime.",
  fix: "Add `@spec name(arg_types) :: return_type` above the first clause, using the module's own types (`@type t :: %__MODULE__{}`) where they exist.",
  example: "def fetch_rates(currency) do\n  …\nend",
  check({ file, report }) {
    if (!file.facts.lib) return;
    for (const mod of file.modules) {
      if (mod.quoted || webRoleOf(mod, file) !== undefined) continue;
      if (mod.attributes.get("moduledoc")?.text === "false") continue;
      // Follow the module's convention: only where it already specifies some functions.
      const specs = specsOf(mod);
      if (specs.size === 0) continue;
      for (const fn of mod.functions) {
        const first = fn.clauses[0];
        if (fn.kind !== "def" || !first || EXEMPT.test(fn.name)) continue;
        if (first.attributes.has("impl") || first.attributes.get("doc")?.text === "false") continue;
        const arities = Array.from({ length: Math.max(...fn.clauses.map((c) => c.defaults)) + 1 }, (_, i) => fn.arity - i);
        if (arities.some((a) => specs.has(`${fn.name}/${a}`))) continue;
        report({
          node: first.node,
          endLine: first.node.line,
          message: `\`${mod.name}.${fn.name}/${fn.arity}\` is public but has no \`@spec\`, unlike other functions of the module.`,
        });
      }
    }
  },
};
