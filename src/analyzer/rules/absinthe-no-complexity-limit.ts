import type { Rule } from "../rule.js";
import { args, callName, isLocalCall, keywordPairs, pairKey } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";

export const noComplexityLimit: Rule = {
  id: "absinthe/no-complexity-limit",
  checklistItem: "absinthe-dataloader",
  severity: "major",
  title: "GraphQL endpoint without a query complexity limit",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "Without a limit, one request can ask for deeply nested lists (`users { posts { comments { author { posts … } } } }`) whose cost grows exponentially with depth — a single query can pin the database and the node (denial of service).",
  fix:
    "Pass `analyze_complexity: true, max_complexity: 200` (sized to your schema, with `complexity` on expensive fields) to `Absinthe.Plug` / `Absinthe.run`, and cap depth with a custom phase or `token_limit:` on the document.",
  example: "forward \"/api/graphql\", Absinthe.Plug, schema: MyAppWeb.Schema",
  check({ file, report }) {
    if (file.facts.script) return;
    for (const call of file.calls) {
      const options = endpointOptions(call);
      if (!options) continue;
      if (options.unknown) continue;
      const keys = keywordPairs(call).map(pairKey);
      if (keys.includes("max_complexity") || keys.includes("analyze_complexity")) continue;
      report({ node: call, endLine: call.line, message: `\`${options.what}\` runs GraphQL documents with no \`max_complexity\`.` });
    }
  },
};

/**
 * The HTTP entry points that execute client documents: `forward …, Absinthe.Plug, opts` and
 * `plug Absinthe.Plug, opts`. (`Absinthe.run/3` usually runs the server's own documents.)
 */
function endpointOptions(call: SyntaxNode): { what: string; unknown: boolean } | undefined {
  const written = args(call);
  if (isLocalCall(call, "forward") || isLocalCall(call, "plug")) {
    const plugIndex = written.findIndex((a) => a.text === "Absinthe.Plug");
    if (plugIndex === -1) return undefined;
    const opts = written[plugIndex + 1];
    return { what: `${callName(call)} Absinthe.Plug`, unknown: opts !== undefined && opts.type !== "keywords" && opts.type !== "list" };
  }
  return undefined;
}
