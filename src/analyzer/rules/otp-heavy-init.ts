import { blockingKind } from "../knowledge/blocking.js";
import { isGenServer } from "../knowledge/otp.js";
import type { Rule } from "../rule.js";
import { callName } from "../syntax/calls.js";
import { inAnonymousFunction } from "../syntax/patterns.js";

export const heavyInit: Rule = {
  id: "otp/heavy-init",
  checklistItem: "otp-behaviours",
  severity: "major",
  title: "Blocking work in `init/1` instead of `handle_continue/2`",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "`init/1` runs while the supervisor waits: `start_link` does not return until it finishes, so a slow query or request delays (or, past the 5 s start timeout, fails) the boot of every sibling started after this process, and a failure there crashes the whole application start instead of one restartable child.",
  fix:
    "Return quickly with `{:ok, state, {:continue, :load}}` and do the work in `handle_continue(:load, state)`, which runs right after `init/1` but after the supervisor has moved on.",
  example: "def init(opts) do\n  rates = Repo.all(Rate)\n  {:ok, %{rates: rates}}\nend",
  check({ file, report }) {
    for (const mod of file.modules) {
      if (mod.quoted || !isGenServer(mod)) continue;
      const init = mod.functions.find((f) => f.kind === "def" && f.name === "init" && f.arity === 1);
      for (const clause of init?.clauses ?? []) {
        clause.body?.walk((node) => {
          if (node.type !== "call") return;
          const kind = blockingKind(node);
          if (!kind || inAnonymousFunction(node, clause.body)) return;
          report({
            node,
            endLine: node.line,
            message: `\`${mod.name}.init/1\` performs ${kind} (\`${callName(node) ?? node.text.slice(0, 40)}\`) before the process is started.`,
          });
          return false;
        });
      }
    }
  },
};
