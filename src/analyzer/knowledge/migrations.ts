import type { SourceFile } from "../engine/source-file.js";
import { args, callName, doBody, isLocalCall } from "../syntax/calls.js";
import { usesModule, type ModuleInfo } from "../syntax/modules.js";
import type { SyntaxNode } from "../syntax/node.js";
import { atomValue, stringValue } from "../syntax/values.js";

/** An Ecto migration module and the statements of its forward direction (`change/0`, `up/0`). */
export interface Migration {
  module: ModuleInfo;
  /** Calls inside `change`/`up`, in source order. */
  calls: SyntaxNode[];
  /** Tables created by this migration (`create table(:x)`). */
  createdTables: Set<string>;
  /** `create index(…)` / `create unique_index(…)` statements: the `create` call and its index. */
  indexes: { call: SyntaxNode; index: SyntaxNode }[];
  /** `@disable_ddl_transaction true` is set. */
  ddlTransactionDisabled: boolean;
}

/** The migrations of a file, derived once per file for all migration rules. */
export function migrations(file: SourceFile): Migration[] {
  return file.shared(findMigrations);
}

function findMigrations(file: SourceFile): Migration[] {
  const out: Migration[] = [];
  for (const mod of file.modules) {
    if (mod.quoted || !usesModule(mod, "Ecto.Migration")) continue;
    const forward = mod.functions.filter((f) => (f.name === "change" || f.name === "up") && f.arity === 0);
    const calls = forward.flatMap((f) => f.clauses.flatMap((c) => c.body?.find((n) => n.type === "call") ?? []));
    const createdTables = new Set<string>();
    const indexes: Migration["indexes"] = [];
    for (const call of calls) {
      if (!isLocalCall(call, "create", "create_if_not_exists")) continue;
      const target = args(call)[0];
      if (target && isLocalCall(target, "table")) {
        const name = tableName(target);
        if (name) createdTables.add(name);
      } else if (target && isLocalCall(target, "index", "unique_index")) indexes.push({ call, index: target });
    }
    out.push({ module: mod, calls, createdTables, indexes, ddlTransactionDisabled: mod.attributes.get("disable_ddl_transaction")?.text === "true" });
  }
  return out;
}

/** `table(:users)` / `index("users", …)` → "users" (first argument as atom or string). */
export function tableName(call: SyntaxNode): string | undefined {
  const first = args(call)[0];
  if (!first) return undefined;
  return atomValue(first) ?? stringValue(first);
}

/** Column names of an index: `index(:t, [:a, :b])` → ["a", "b"]; `index(:t, :a)` → ["a"]. */
export function indexColumns(index: SyntaxNode): string[] {
  const columns = args(index)[1];
  if (!columns) return [];
  const items = columns.type === "list" ? columns.items : [columns];
  return items.map((i) => atomValue(i) ?? stringValue(i) ?? i.text);
}

/** The `alter table(:x) do … end` / `create table(:x) do … end` around a node, with its table name. */
export function tableBlock(node: SyntaxNode): { kind: "create" | "alter"; table: string | undefined; call: SyntaxNode } | undefined {
  const block = node.ancestor((n) => isLocalCall(n, "alter", "create", "create_if_not_exists") && doBody(n) !== undefined);
  if (!block) return undefined;
  const target = args(block)[0];
  const table = target && isLocalCall(target, "table") ? tableName(target) : undefined;
  return { kind: callName(block) === "alter" ? "alter" : "create", table, call: block };
}
