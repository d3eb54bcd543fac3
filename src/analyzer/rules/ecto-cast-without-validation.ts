import type { Rule } from "../rule.js";
import { effectiveArgs, functionName, moduleName } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";

/** Ecto.Changeset functions that change data without checking it. */
const NON_VALIDATING = new Set([
  "cast", "change", "put_change", "force_change", "delete_change", "put_assoc", "put_embed",
  "prepare_changes", "apply_changes", "get_field", "get_change", "fetch_field", "fetch_change",
  "merge", "traverse_errors", "cast_assoc", "cast_embed",
]);
const CHANGESET_MODULES = new Set(["Ecto.Changeset", "Changeset"]);

export const castWithoutValidation: Rule = {
  id: "ecto/cast-without-validation",
  checklistItem: "ecto-changesets",
  severity: "major",
  title: "Changeset casts external params without any validation",
  granularity: "function",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "`cast/3` accepts whatever the caller sends for the listed fields: with no `validate_required`, format, length or inclusion check and no constraint mapping, empty or malformed values reach the database, and a unique or foreign-key violation raises `Ecto.ConstraintError` instead of returning `{:error, changeset}`.",
  fix:
    "Validate what you cast — `validate_required/2` for mandatory fields, `validate_length/3`, `validate_format/3`, `validate_inclusion/3` — and map database constraints with `unique_constraint/3` / `foreign_key_constraint/3`. For internal updates that take no params, use `change/2` instead of `cast/3`.",
  example: "def changeset(user, attrs) do\n  user\n  |> cast(attrs, [:email, :role])\nend",
  check({ file, report }) {
    if (!file.facts.lib) return;
    for (const mod of file.modules) {
      if (mod.quoted) continue;
      for (const fn of mod.functions) {
        if (fn.kind !== "def" && fn.kind !== "defp") continue;
        for (const clause of fn.clauses) {
          const body = clause.body;
          if (!body) continue;
          const casts = body.find((n) => n.type === "call" && isCast(n));
          const cast = casts[0];
          if (!cast || !castsParams(cast)) continue;
          if (body.some((n) => n.type === "call" && !casts.some((c) => c.contains(n) && c !== n) && mayValidate(n))) continue;
          report({
            node: cast,
            endLine: cast.line,
            message: `\`${mod.name}.${fn.name}/${fn.arity}\` casts ${fieldsText(cast)} but validates none of them.`,
            scope: { line: clause.node.line, endLine: clause.node.endLine },
          });
        }
      }
    }
  },
};

function isCast(call: SyntaxNode): boolean {
  if (functionName(call) !== "cast") return false;
  const mod = moduleName(call);
  if (mod !== undefined && !CHANGESET_MODULES.has(mod)) return false;
  const arity = effectiveArgs(call).length;
  return arity === 3 || arity === 4;
}

/** `cast(struct, params, fields)` with params that are not a literal map (internal data). */
function castsParams(cast: SyntaxNode): boolean {
  const [, params, fields] = effectiveArgs(cast);
  if (fields?.type === "list" && fields.items.length === 0) return false;
  return params !== undefined && params.type !== "map";
}

/** Any call other than a known non-validating Ecto.Changeset function might validate. */
function mayValidate(call: SyntaxNode): boolean {
  const fn = functionName(call);
  if (!fn) return true;
  const mod = moduleName(call);
  if (mod !== undefined && !CHANGESET_MODULES.has(mod)) return true;
  if (/^validate_|_constraint$|^optimistic_lock$/.test(fn)) return true;
  if (/^cast_(assoc|embed)$/.test(fn) && /\brequired:\s*true/.test(call.text)) return true;
  if (mod === undefined && !NON_VALIDATING.has(fn)) return true;
  return false;
}

function fieldsText(cast: SyntaxNode): string {
  const fields = effectiveArgs(cast)[2];
  if (!fields) return "params";
  const text = fields.text.replace(/\s+/g, " ");
  return `\`${text.length > 60 ? `${text.slice(0, 57)}…` : text}\``;
}
