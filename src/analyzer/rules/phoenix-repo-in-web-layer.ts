import { perParentResolver } from "../knowledge/absinthe.js";
import { fileTemplateExpressions } from "../knowledge/embedded.js";
import { isRepoCall } from "../knowledge/repo.js";
import { webRoleOf, type WebRole } from "../knowledge/roles.js";
import type { Rule, RuleContext } from "../rule.js";
import { callName } from "../syntax/calls.js";
import { moduleOf } from "../syntax/modules.js";
import { inAnonymousFunction, inQuote, isRuntimeCode } from "../syntax/patterns.js";

const LAYERS: Partial<Record<WebRole, string>> = {
  controller: "controller",
  live_view: "LiveView",
  live_component: "LiveComponent",
  channel: "channel",
  view: "view",
  component: "component",
  resolver: "Absinthe resolver",
  absinthe_schema: "Absinthe schema",
};
const TEMPLATE_REPO = /(?<![\w.])((?:[A-Z]\w*\.)*[A-Z]\w*Repo)\.(all|one!?|get!?|get_by!?|exists\?|aggregate|preload|insert!?|update!?|delete!?|insert_all|update_all|delete_all)\b/g;

export const repoInWebLayer: Rule = {
  id: "phoenix/repo-in-web-layer",
  checklistItem: "phoenix-contexts",
  severity: "major",
  title: "Repo called from the web layer instead of a context",
  granularity: "line",
  languages: ["elixir", "template"],
  files: "app",
  structural: true,
  why:
    "Controllers, LiveViews, channels, views, templates and resolvers are the interface; contexts own the data. Querying the Repo from the web layer scatters queries, authorisation and preloads across it, duplicates them between HTML, JSON and GraphQL entry points, and makes the business rules untestable without a connection or socket.",
  fix: "Move the query into a context function with a name from the domain (`Accounts.get_user!/1`, `Blog.list_posts_for/1`) and call that; the context can then be tested and reused on its own.",
  example: "def show(conn, %{\"id\" => id}) do\n  post = Repo.get!(Post, id)\n  render(conn, :show, post: post)\nend",
  check(ctx) {
    const { file, report } = ctx;
    // A template file has no syntax tree (no calls): only its template expressions are read.
    for (const call of file.calls) {
      if (!isRepoCall(call)) continue;
      const mod = moduleOf(call, file.modules);
      const role = mod && webRoleOf(mod, file);
      const layer = role && LAYERS[role];
      if (!layer || inQuote(call)) continue;
      const runs = isRuntimeCode(call) || (role === "absinthe_schema" && inAnonymousFunction(call));
      // Per-parent resolvers are reported as N+1 by absinthe/resolver-n-plus-one.
      if (!runs || (role === "absinthe_schema" && perParentResolver(call))) continue;
      report({ node: call, endLine: call.line, message: `The ${layer} \`${mod.name}\` calls \`${callName(call)}\` directly.` });
    }
    for (const expr of fileTemplateExpressions(file)) reportTemplateRepo(ctx, expr.code, expr.start);
  },
};

function reportTemplateRepo({ file, report }: RuleContext, code: string, base: number): void {
  for (const match of code.matchAll(TEMPLATE_REPO)) {
    const offset = base + match.index;
    report({ line: file.lineAt(offset), column: file.columnAt(offset), message: `A template calls \`${match[1]}.${match[2]}\` directly.` });
  }
}
