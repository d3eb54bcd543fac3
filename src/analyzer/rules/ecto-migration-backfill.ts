import { isRepoCall } from "../knowledge/repo.js";
import { migrations } from "../knowledge/migrations.js";
import type { Rule } from "../rule.js";
import { args, callName, functionName, isLocalCall } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { stringValue } from "../syntax/values.js";

const DML = /^\s*(update|delete)\s/i;

export const migrationBackfill: Rule = {
  id: "ecto/migration-backfill",
  checklistItem: "ecto-migrations",
  severity: "major",
  title: "Data backfill inside a schema migration",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "A backfill in a schema migration runs in the deploy's transaction: on a big table it holds row locks for the whole update, can time out and roll back the schema change with it, blocks the deploy, and cannot be throttled or resumed. Queries through schema modules also break when those modules change later.",
  fix: "Keep schema migrations to DDL. Backfill in a separate data migration (in batches, with `@disable_ddl_transaction true`, outside `priv/repo/migrations` or in its own directory), or in a one-off task after the deploy.",
  example: "def change do\n  alter table(:users), do: add(:plan, :string)\n  flush()\n  Repo.update_all(User, set: [plan: \"free\"])\nend",
  check({ file, report }) {
    for (const migration of migrations(file)) {
      for (const call of migration.calls) {
        const what = backfill(call);
        if (what) report({ node: call, endLine: call.line, message: `This migration changes data: ${what}.` });
      }
    }
  },
};

function backfill(call: SyntaxNode): string | undefined {
  if (isRepoCall(call) && !/^(query|query!)$/.test(functionName(call) ?? "")) return `\`${callName(call)}\``;
  // `repo().update_all(…)` — the migration's repo.
  const target = call.child("target");
  if (target?.type === "dot" && isLocalCall(target.child("left") ?? call, "repo")) return `\`repo().${functionName(call)}\``;
  if (isLocalCall(call, "execute") || isRepoCall(call, new Set(["query", "query!"]))) {
    const sql = args(call)[0];
    const text = sql ? stringValue(sql) : undefined;
    if (text && DML.test(text)) return `\`${text.trim().split(/\s+/).slice(0, 3).join(" ")} …\``;
  }
  return undefined;
}
