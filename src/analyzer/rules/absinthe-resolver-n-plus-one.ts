import { perParentResolver } from "../knowledge/absinthe.js";
import { isRepoCall } from "../knowledge/repo.js";
import { webRoleOf } from "../knowledge/roles.js";
import type { Rule } from "../rule.js";
import { callName } from "../syntax/calls.js";
import { moduleOf } from "../syntax/modules.js";

export const resolverNPlusOne: Rule = {
  id: "absinthe/resolver-n-plus-one",
  checklistItem: "absinthe-dataloader",
  severity: "major",
  title: "Field resolver queries the Repo once per parent object",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "Absinthe resolves a field separately for every parent in the result: a list of 100 users with a `posts` field that queries the Repo makes 101 queries per request, and nested lists multiply it — the classic GraphQL N+1, invisible in tests with two rows.",
  fix:
    "Batch the loads: `resolve dataloader(MyApp.Repo)` (or `dataloader(Source, :assoc)`) with a `Dataloader.Ecto` source in the schema context, or `batch/3` / `async/1` helpers from `Absinthe.Resolution.Helpers`.",
  example: "object :user do\n  field :posts, list_of(:post) do\n    resolve fn user, _, _ -> {:ok, Repo.all(Ecto.assoc(user, :posts))} end\n  end\nend",
  check({ file, report }) {
    for (const call of file.calls) {
      if (!isRepoCall(call)) continue;
      const mod = moduleOf(call, file.modules);
      if (!mod || webRoleOf(mod, file) !== "absinthe_schema") continue;
      const resolver = perParentResolver(call);
      if (!resolver) continue;
      report({
        node: call,
        endLine: call.line,
        message: `The resolver of a field on \`:${resolver.object}\` calls \`${callName(call)}\` for each \`${resolver.parent}\`.`,
      });
    }
  },
};
