import { migrations, tableBlock } from "../knowledge/migrations.js";
import type { Rule } from "../rule.js";
import { args, isLocalCall, keywordValue } from "../syntax/calls.js";
import { atomValue } from "../syntax/values.js";

export const migrationNotNull: Rule = {
  id: "ecto/migration-not-null-without-default",
  checklistItem: "ecto-migrations",
  severity: "major",
  title: "NOT NULL column added to an existing table without a default",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "Adding a `NOT NULL` column with no default fails outright on a table that has rows (existing rows would be NULL), and inserts from the release still running — which does not know the column — fail too.",
  fix: "Give the column a `default:` (constant defaults are instant on PostgreSQL 11+), or add it nullable, backfill, and set `null: false` in a later migration once every writer fills it.",
  example: "alter table(:accounts) do\n  add :plan, :string, null: false\nend",
  check({ file, report }) {
    for (const migration of migrations(file)) {
      for (const call of migration.calls) {
        if (!isLocalCall(call, "add", "add_if_not_exists")) continue;
        const block = tableBlock(call);
        if (!block || block.kind !== "alter" || keywordValue(call, "null")?.text !== "false") continue;
        if (keywordValue(call, "default") !== undefined) continue;
        const column = args(call)[0];
        report({
          node: call,
          endLine: call.line,
          message: `\`${block.table ?? "the table"}.${column ? (atomValue(column) ?? column.text) : "?"}\` is added as \`null: false\` with no \`default:\`.`,
        });
      }
    }
  },
};
