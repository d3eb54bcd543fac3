import { isRepoCall } from "../knowledge/repo.js";
import type { Rule } from "../rule.js";
import { args, callName, doBody, isLocalCall, pipedInto } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { DEF_KINDS, isRuntimeCode } from "../syntax/patterns.js";

/** Per-row database work; bulk functions (`*_all`), `transaction` and `stream` are batch-shaped. */
const PER_ROW = new Set(["all", "one", "one!", "get", "get!", "get_by", "get_by!", "exists?", "aggregate", "insert", "insert!", "update", "update!", "delete", "delete!", "insert_or_update", "insert_or_update!", "preload", "reload", "reload!"]);
const LOOPS = /^(Enum|Stream|Flow)\.(map|each|flat_map|reduce|reduce_while|filter|reject|find|find_value|any\?|all\?|map_reduce|group_by|sort_by|uniq_by|each_with_index|with_index|flat_map_reduce|count|sum_by|into|zip_with|frequencies_by|split_with)$/;

export const queryInLoop: Rule = {
  id: "ecto/query-in-loop",
  checklistItem: "ecto-queries",
  severity: "major",
  title: "Database query inside a loop (N+1)",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "Each iteration is a separate round-trip to the database: a list of 500 items becomes 500 queries, each waiting for the previous one and holding a pooled connection — latency and load grow with the data, and it only shows in production.",
  fix:
    "Load everything in one query before the loop (`where: p.id in ^ids`, `Repo.preload(list, :assoc)` on the whole list, a join), or write in bulk with `Repo.insert_all/3`/`update_all/3` or an `Ecto.Multi`.",
  example: "Enum.map(posts, fn post -> Repo.preload(post, :author) end)",
  check({ file, report }) {
    if (!file.facts.lib) return;
    for (const call of file.calls) {
      if (!isRepoCall(call, PER_ROW) || !isRuntimeCode(call)) continue;
      const loop = enclosingLoop(call);
      if (!loop) continue;
      report({ node: call, endLine: call.line, message: `\`${callName(call)}\` runs once per element of \`${loop}\`.` });
    }
  },
};

/** The loop whose body (not its enumerable) contains `node`, described, or undefined. */
function enclosingLoop(node: SyntaxNode): string | undefined {
  for (let n = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (isLocalCall(p, ...DEF_KINDS)) return undefined;
    if (isLocalCall(p, "for") && doBody(p)?.contains(node)) {
      const generators = args(p).filter((a) => a.type === "binary_operator" && a.operator === "<-");
      // `for r <- [a, b, c]`: a handful of known items, not data-sized.
      if (generators.every((g) => g.child("right")?.type === "list")) return undefined;
      return "for";
    }
    if (p.type !== "arguments" || !p.parent) continue;
    const call = p.parent;
    const name = callName(call) ?? "";
    if (!LOOPS.test(name)) continue;
    // Only the function argument is the loop body; the enumerable and accumulator run once.
    const isFunction = n.type === "anonymous_function" || (n.type === "unary_operator" && n.operator === "&");
    const enumerable = pipedInto(call) ?? args(call)[0];
    if (isFunction && args(call).includes(n) && enumerable !== n && enumerable?.type !== "list") return name;
  }
  return undefined;
}
