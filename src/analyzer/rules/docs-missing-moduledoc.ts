import { webRoleOf } from "../knowledge/roles.js";
import type { Rule } from "../rule.js";
import { isLocalCall } from "../syntax/calls.js";
import { usesModule } from "../syntax/modules.js";

/** Phoenix plumbing modules that conventionally carry no docs (as in Credo's ModuleDoc defaults). */
const CONVENTIONAL = /(\.\w+Controller|\.Endpoint|\.\w+Live(\.\w+)?|\.Repo|\.Router|\.\w+Socket|\.\w+View|\.\w+HTML|\.\w+JSON|\.Telemetry|\.Layouts|\.Mailer|\.Gettext|\.CoreComponents)$/;

export const missingModuledoc: Rule = {
  id: "docs/missing-moduledoc",
  checklistItem: "documentation",
  severity: "info",
  title: "Module without `@moduledoc`",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "`@moduledoc` is where a module says what it is responsible for and how to use it; ExDoc and `h/1` in IEx show it. Modules that are internal should say so with `@moduledoc false`, which also hides them from the generated docs.",
  fix: "Add `@moduledoc \"\"\"…\"\"\"` describing the module's purpose, or `@moduledoc false` for an internal module.",
  example: "defmodule MyApp.Billing.Invoice do\n  use Ecto.Schema\n  …",
  check({ file, report }) {
    if (!file.facts.lib) return;
    for (const mod of file.modules) {
      if (mod.quoted || mod.attributes.has("moduledoc")) continue;
      if (CONVENTIONAL.test(`.${mod.name}`) || webRoleOf(mod, file) !== undefined) continue;
      if (usesModule(mod, "Ecto.Migration")) continue;
      // A nested module (a struct, an exception, a small helper) is covered by its parent's docs.
      if (mod.node.ancestor((n) => isLocalCall(n, "defmodule"))) continue;
      report({
        node: mod.node,
        endLine: mod.node.line,
        message: `\`${mod.name}\` has no \`@moduledoc\`.`,
        region: { line: mod.node.line, endLine: mod.node.endLine },
      });
    }
  },
};
