import { migrations, tableName } from "../knowledge/migrations.js";
import type { Rule } from "../rule.js";
import { keywordValue } from "../syntax/calls.js";

export const migrationIndexNotConcurrent: Rule = {
  id: "ecto/migration-index-not-concurrent",
  checklistItem: "ecto-migrations",
  severity: "minor",
  title: "Index on an existing table created without `concurrently: true`",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "`CREATE INDEX` on PostgreSQL blocks every insert, update and delete on the table until the index is built — minutes on a large table, during which the application's writes queue up and time out.",
  fix:
    "Build it with `create index(:table, [:column], concurrently: true)` and set `@disable_ddl_transaction true` and `@disable_migration_lock true` in the migration (a concurrent build cannot run inside a transaction); keep such an index in a migration of its own.",
  example: "def change do\n  create index(:orders, [:customer_id])\nend",
  check({ file, report }) {
    for (const migration of migrations(file)) {
      for (const { call, index } of migration.indexes) {
        const table = tableName(index);
        if (!table || migration.createdTables.has(table)) continue;
        if (keywordValue(index, "concurrently")?.text === "true") continue;
        const line = file.line(call.line);
        const canSuggest = call.line === call.endLine && line.split(index.text).length === 2;
        const fixed = index.text.replace(/\)$/, ", concurrently: true)");
        const attrs = migration.ddlTransactionDisabled ? "" : " (and add `@disable_ddl_transaction true` / `@disable_migration_lock true`)";
        const hit = { node: call, endLine: call.line, message: `The index on \`${table}\`, a table this migration does not create, is built with a write lock${attrs}.` };
        report(canSuggest && index.text.endsWith(")") ? { ...hit, suggestion: line.replace(index.text, fixed) } : hit);
      }
    }
  },
};
