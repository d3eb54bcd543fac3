import { indexColumns, migrations, tableBlock, tableName } from "../knowledge/migrations.js";
import type { Rule } from "../rule.js";
import { args, isLocalCall, keywordValue } from "../syntax/calls.js";
import { atomValue } from "../syntax/values.js";

export const referencesWithoutIndex: Rule = {
  id: "ecto/references-without-index",
  checklistItem: "ecto-migrations",
  severity: "minor",
  title: "Foreign key added without an index",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "PostgreSQL indexes the referenced primary key, not the referencing column: every `preload`, `assoc` query or join on the foreign key scans the table, and every delete of a parent row scans it again to check the constraint.",
  fix: "Add `create index(:table, [:column])` in the same migration (or a unique/composite index that starts with the column).",
  example: "create table(:comments) do\n  add :post_id, references(:posts, on_delete: :delete_all)\nend",
  check({ file, report }) {
    for (const migration of migrations(file)) {
      const indexed = new Set<string>();
      for (const { index } of migration.indexes) {
        const first = indexColumns(index)[0];
        if (first) indexed.add(`${tableName(index)}.${first}`);
      }
      for (const call of migration.calls) {
        if (!isLocalCall(call, "add", "add_if_not_exists")) continue;
        const [column, type] = args(call);
        if (!column || !type || !isLocalCall(type, "references")) continue;
        if (keywordValue(call, "primary_key")?.text === "true") continue;
        const block = tableBlock(call);
        const name = atomValue(column);
        if (!block?.table || !name || indexed.has(`${block.table}.${name}`)) continue;
        report({ node: call, endLine: call.line, message: `\`${block.table}.${name}\` references another table but this migration creates no index starting with it.` });
      }
    }
  },
};
