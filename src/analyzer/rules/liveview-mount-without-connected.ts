import { blockingKind } from "../knowledge/blocking.js";
import { isLiveView } from "../knowledge/roles.js";
import type { Rule } from "../rule.js";
import { callName, functionName } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { inAnonymousFunction } from "../syntax/patterns.js";

const TIMERS = new Set([":timer.send_interval", ":timer.apply_interval", "Process.send_after", ":timer.send_after", ":erlang.send_after"]);

export const mountWithoutConnected: Rule = {
  id: "liveview/mount-without-connected",
  checklistItem: "liveview-lifecycle",
  severity: "major",
  title: "Subscriptions, timers or remote calls in `mount/3` without `connected?/1`",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "`mount/3` runs twice: once for the static HTTP render, where the process exits right after the response, and again when the socket connects. Subscribing or starting timers in the first run is wasted (and leaks work into a dying process); slow remote calls there delay the first paint and are paid twice.",
  fix: "Guard them: `if connected?(socket), do: Phoenix.PubSub.subscribe(MyApp.PubSub, topic)`; load slow remote data with `assign_async/3` or only when connected.",
  example: "def mount(_params, _session, socket) do\n  Phoenix.PubSub.subscribe(MyApp.PubSub, \"prices\")\n  :timer.send_interval(1_000, :tick)\n  {:ok, socket}\nend",
  check({ file, report }) {
    for (const mod of file.modules) {
      if (mod.quoted || !isLiveView(mod, file)) continue;
      const mount = mod.functions.find((f) => f.kind === "def" && f.name === "mount" && f.arity === 3);
      for (const clause of mount?.clauses ?? []) {
        const body = clause.body;
        if (!body || /\bconnected\?\(|transport_pid/.test(body.text)) continue;
        body.walk((node) => {
          if (node.type !== "call" || inAnonymousFunction(node, body)) return;
          const what = onlyWhenConnected(node);
          if (!what) return;
          report({ node, endLine: node.line, message: `\`${mod.name}.mount/3\` ${what} on the static render too.` });
          return false;
        });
      }
    }
  },
};

function onlyWhenConnected(call: SyntaxNode): string | undefined {
  const name = callName(call) ?? "";
  if (functionName(call) === "subscribe" && name.includes(".")) return `subscribes (\`${name}\`)`;
  if (TIMERS.has(name)) return `starts a timer (\`${name}\`)`;
  const kind = blockingKind(call);
  if (kind === "a network request" || kind === "a sleep") return `makes ${kind} (\`${name}\`)`;
  return undefined;
}
