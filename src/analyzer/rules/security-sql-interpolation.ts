import { isRepoCall } from "../knowledge/repo.js";
import type { Rule } from "../rule.js";
import { args, callName, effectiveArgs, hasArgumentList, isLocalCall } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { assignedBefore, inQuote } from "../syntax/patterns.js";
import { hasDynamicInterpolation, interpolations, isConstant } from "../syntax/values.js";

const SQL_MODULE_CALLS = /^(Ecto\.Adapters\.)?SQL\.(query|query!|query_many|query_many!|stream)$/;
const REPO_SQL = new Set(["query", "query!", "query_many", "query_many!"]);

export const sqlInterpolation: Rule = {
  id: "security/sql-interpolation",
  checklistItem: "security-sql-injection",
  severity: "blocker",
  title: "SQL built by string interpolation",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "Interpolating a value into SQL text lets that value change the query: a crafted parameter can read or delete any table. Ecto only escapes values passed as parameters, never text spliced into the query string.",
  fix:
    "Pass values as parameters — `Repo.query(\"SELECT … WHERE id = $1\", [id])`, `fragment(\"lower(?)\", ^name)` — and choose identifiers (table or column names) from a fixed allow-list, never from input.",
  example: "Repo.query(\"SELECT * FROM users WHERE email = '#{email}'\")",
  check({ file, report }) {
    for (const call of file.calls) {
      const sql = sqlArgument(call);
      if (!sql || inQuote(call)) continue;
      const source = dynamicSql(sql, call);
      if (!source) continue;
      report({
        node: sql,
        endLine: sql.line,
        message: `The SQL passed to \`${callName(call) ?? "fragment"}\` is ${source}.`,
      });
    }
  },
};

function sqlArgument(call: SyntaxNode): SyntaxNode | undefined {
  if (isLocalCall(call, "fragment")) return effectiveArgs(call)[0];
  const name = callName(call) ?? "";
  if (SQL_MODULE_CALLS.test(name)) return effectiveArgs(call)[1];
  if (isRepoCall(call, REPO_SQL)) return effectiveArgs(call)[0];
  return undefined;
}

/**
 * Names of values that can only be spliced into SQL, never bound: identifiers and keywords
 * (tables, schemas, lock ids, isolation levels). They come from code or configuration by
 * convention; ORDER BY columns and directions, which often come from params, are not in the list.
 */
const SQL_IDENTIFIER_NAME = /(^|_)(table|table_name|source|schema|prefix|lock|lock_name|lock_id|view|index|index_name|isolation|concurrently|column|col|constraint|wait|timeout|repo)s?$/;

/** An interpolated expression that cannot carry request data into the SQL. */
function isSafeFragment(node: SyntaxNode): boolean {
  if (isConstant(node)) return true;
  if (node.type === "identifier") return SQL_IDENTIFIER_NAME.test(node.text);
  // `#{quote_table(prefix, table)}`, `#{columns_sql()}`: helpers over constants or identifiers.
  if (node.type === "call" && hasArgumentList(node)) return args(node).every(isSafeFragment);
  return false;
}

function unsafeInterpolation(node: SyntaxNode): boolean {
  return hasDynamicInterpolation(node) && interpolations(node).some((i) => !i.items.every(isSafeFragment));
}

function unsafeConcat(node: SyntaxNode): boolean {
  if (node.type === "binary_operator" && node.operator === "<>") {
    return unsafeConcat(node.child("left")!) || unsafeConcat(node.child("right")!);
  }
  return !isSafeFragment(node) && !(node.type === "string" && !unsafeInterpolation(node));
}

/** Why the SQL text is built at runtime from unsafe values, or undefined when it is fixed. */
function dynamicSql(sql: SyntaxNode, call: SyntaxNode): string | undefined {
  if (unsafeInterpolation(sql)) return "a string with interpolated values";
  if (sql.type === "binary_operator" && sql.operator === "<>" && unsafeConcat(sql)) return "concatenated from runtime values";
  if (sql.type !== "identifier") return undefined;
  const value = assignedBefore(sql.text, call);
  if (!value) return undefined;
  if (unsafeInterpolation(value)) return `\`${sql.text}\`, built with interpolated values`;
  if (value.type === "binary_operator" && value.operator === "<>" && unsafeConcat(value)) return `\`${sql.text}\`, concatenated from runtime values`;
  return undefined;
}
