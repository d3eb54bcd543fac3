import { SLEEPS } from "../knowledge/blocking.js";
import { isGenServer } from "../knowledge/otp.js";
import { webRoleOf } from "../knowledge/roles.js";
import type { Rule } from "../rule.js";
import { callName } from "../syntax/calls.js";
import { inAnonymousFunction } from "../syntax/patterns.js";

const SERVER_CALLBACKS = new Set(["handle_call", "handle_cast", "handle_info", "handle_continue"]);
const LIVE_CALLBACKS = new Set(["mount", "handle_event", "handle_info", "handle_params", "update", "handle_in", "join", "handle_async"]);

export const sleepInCallback: Rule = {
  id: "otp/sleep-in-callback",
  checklistItem: "otp-behaviours",
  severity: "major",
  title: "`Process.sleep` inside a process callback",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "A process handles one message at a time: sleeping in a callback blocks every caller queued behind it (their `GenServer.call`s time out), stalls a LiveView or channel for its user, and delays system messages such as shutdown.",
  fix: "Schedule the follow-up instead of waiting: `Process.send_after(self(), :retry, delay)` and handle `:retry` in `handle_info/2` (or return a timeout in the callback's tuple).",
  example: "def handle_cast(:retry, state) do\n  Process.sleep(1_000)\n  {:noreply, push(state)}\nend",
  check({ file, report }) {
    for (const mod of file.modules) {
      if (mod.quoted) continue;
      const role = webRoleOf(mod, file);
      const callbacks = isGenServer(mod)
        ? SERVER_CALLBACKS
        : role === "live_view" || role === "live_component" || role === "channel"
          ? LIVE_CALLBACKS
          : undefined;
      if (!callbacks) continue;
      for (const fn of mod.functions) {
        if (fn.kind !== "def" || !callbacks.has(fn.name)) continue;
        for (const clause of fn.clauses) {
          clause.body?.walk((node) => {
            if (node.type !== "call" || !SLEEPS.has(callName(node) ?? "") || inAnonymousFunction(node, clause.body)) return;
            report({ node, endLine: node.line, message: `\`${mod.name}.${fn.name}/${fn.arity}\` sleeps while the process cannot take other messages.` });
          });
        }
      }
    }
  },
};
