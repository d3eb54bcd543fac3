import type { Rule } from "../rule.js";
import { callName, effectiveArgs } from "../syntax/calls.js";
import { isRuntimeCode } from "../syntax/patterns.js";
import { atomValue } from "../syntax/values.js";

const CALLS = new Set(["GenServer.call", ":gen_server.call", ":gen_statem.call", "GenStateMachine.call"]);

export const callInfinity: Rule = {
  id: "otp/call-infinity",
  checklistItem: "otp-behaviours",
  severity: "info",
  title: "`GenServer.call/3` with an `:infinity` timeout",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "With `:infinity` the caller waits forever: if the server is stuck, overloaded or deadlocked (two servers calling each other), the caller hangs with it, and so does everything queued behind the caller — the default 5 s timeout exists to turn that into a visible crash the supervisor can handle.",
  fix: "Use a bounded timeout sized to the work (`:timer.seconds(30)`), and move long work out of the server (reply later with `GenServer.reply/2`, or run it in a task).",
  example: "GenServer.call(__MODULE__, {:import, rows}, :infinity)",
  check({ file, report }) {
    if (!file.facts.lib) return;
    for (const call of file.calls) {
      const name = callName(call);
      if (!name || !CALLS.has(name) || !isRuntimeCode(call)) continue;
      const timeout = effectiveArgs(call)[2];
      if (!timeout || atomValue(timeout) !== "infinity") continue;
      report({ node: timeout, message: `\`${name}\` here waits without a time limit.` });
    }
  },
};
