import { functionName, moduleName } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";

/** Ecto.Repo functions that talk to the database. */
export const REPO_QUERY_FUNCTIONS = new Set([
  "all", "one", "one!", "get", "get!", "get_by", "get_by!", "exists?", "aggregate", "stream",
  "insert", "insert!", "insert_all", "insert_or_update", "insert_or_update!",
  "update", "update!", "update_all", "delete", "delete!", "delete_all",
  "preload", "reload", "reload!", "query", "query!", "query_many", "query_many!",
]);

/**
 * `Repo.all(q)`, `MyApp.Repo.get!(…)`, `ReadRepo.one(…)`: a remote call on a module whose last
 * segment ends in `Repo`, to a function that hits the database.
 */
export function isRepoCall(call: SyntaxNode, functions: ReadonlySet<string> = REPO_QUERY_FUNCTIONS): boolean {
  const mod = moduleName(call);
  const fn = functionName(call);
  if (!mod || !fn || mod.startsWith(":")) return false;
  const last = mod.slice(mod.lastIndexOf(".") + 1);
  return /Repo$/.test(last) && functions.has(fn);
}
