import { isLiveView } from "../knowledge/roles.js";
import { isRepoCall } from "../knowledge/repo.js";
import type { Rule } from "../rule.js";
import { args, callName, functionName, isLocalCall, moduleName, pairKey, pairValue, pipedInto } from "../syntax/calls.js";
import { moduleOf } from "../syntax/modules.js";
import type { SyntaxNode } from "../syntax/node.js";
import { atomValue } from "../syntax/values.js";

export const largeAssign: Rule = {
  id: "liveview/large-assign",
  checklistItem: "liveview-lifecycle",
  severity: "info",
  title: "Whole collection kept in assigns where `stream/3` fits",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "Assigns live in the LiveView process for as long as the user keeps the page open: a list loaded from the database is held in memory per connected user, and any change re-sends and re-diffs the whole list. Streams send the items to the client once and keep nothing on the server.",
  fix: "Use `stream(socket, :posts, Blog.list_posts())` and render with `phx-update=\"stream\"` over `@streams.posts`; insert or delete single items with `stream_insert/3` / `stream_delete/3`.",
  example: "{:ok, assign(socket, :orders, Orders.list_orders())}",
  check({ file, report }) {
    for (const call of file.calls) {
      if (!isLocalCall(call, "assign")) continue;
      const mod = moduleOf(call, file.modules);
      if (!mod || mod.quoted || !isLiveView(mod, file)) continue;
      for (const [key, value] of assigned(call)) {
        const source = collectionLoad(value);
        if (!source) continue;
        report({ node: value, endLine: value.line, message: `\`@${key}\` holds the full result of \`${source}\` in the LiveView's memory.` });
      }
    }
  },
};

/** `assign(socket, :k, v)`, `assign(socket, k: v)`, and their piped forms → [key, value] pairs. */
function assigned(call: SyntaxNode): [string, SyntaxNode][] {
  const written = args(call);
  const rest = pipedInto(call) ? written : written.slice(1);
  const [first, second] = rest;
  if (first && second && atomValue(first)) return [[atomValue(first)!, second]];
  if (first?.type === "keywords") return first.children.filter((c) => c.type === "pair").map((p) => [pairKey(p), pairValue(p)!] as [string, SyntaxNode]);
  return [];
}

/** `Repo.all(…)` or a context's `list_*` function. */
function collectionLoad(value: SyntaxNode): string | undefined {
  if (value.type !== "call") return undefined;
  // `list_recent(10)`: a literal limit bounds the list.
  if (args(value).some((a) => a.type === "integer")) return undefined;
  if (isRepoCall(value, new Set(["all"]))) return callName(value);
  const fn = functionName(value) ?? "";
  return moduleName(value) && /^list_\w+$/.test(fn) ? callName(value) : undefined;
}
