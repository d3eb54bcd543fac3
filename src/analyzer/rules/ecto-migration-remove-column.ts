import { migrations, tableBlock, tableName } from "../knowledge/migrations.js";
import type { Rule } from "../rule.js";
import { args, isLocalCall } from "../syntax/calls.js";
import { atomValue } from "../syntax/values.js";

export const migrationRemoveColumn: Rule = {
  id: "ecto/migration-remove-column",
  checklistItem: "ecto-migrations",
  severity: "major",
  title: "Column removed or renamed while old code may still use it",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "Migrations usually run while the previous release is still serving traffic, and Ecto schemas select every field by name: once the column is gone or renamed, the running code's queries fail with `undefined_column` until the deploy completes — and a rollback of the code alone no longer works.",
  fix:
    "Deploy in steps: first ship code that no longer reads or writes the column (remove the field from the schema), then drop it in a later migration; for a rename, add the new column, write to both, backfill, switch reads, and only then drop the old one.",
  example: "alter table(:users) do\n  remove :legacy_token\nend",
  check({ file, report }) {
    for (const migration of migrations(file)) {
      for (const call of migration.calls) {
        if (isLocalCall(call, "remove", "remove_if_exists")) {
          const block = tableBlock(call);
          const column = args(call)[0];
          if (!block || block.kind !== "alter" || !column) continue;
          report({ node: call, endLine: call.line, message: `\`${block.table ?? "the table"}.${atomValue(column) ?? column.text}\` is dropped while the release still serving traffic may select it.` });
        } else if (isLocalCall(call, "rename")) {
          const [target, from] = args(call);
          if (!target || !isLocalCall(target, "table")) continue;
          const what = from && atomValue(from) ? `column \`${tableName(target)}.${atomValue(from)}\`` : `table \`${tableName(target)}\``;
          report({ node: call, endLine: call.line, message: `Renaming ${what} breaks the release still serving traffic, which uses the old name.` });
        }
      }
    }
  },
};
