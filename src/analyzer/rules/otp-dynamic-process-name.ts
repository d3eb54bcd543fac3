import { isDynamicAtom, isProcessNameOption } from "../knowledge/atoms.js";
import type { Rule } from "../rule.js";
import { args, callName, pairKey, pairValue } from "../syntax/calls.js";
import { isRuntimeCode } from "../syntax/patterns.js";

export const dynamicProcessName: Rule = {
  id: "otp/dynamic-process-name",
  checklistItem: "otp-behaviours",
  severity: "major",
  title: "Process name built as a dynamic atom",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "Atoms are never garbage-collected and the atom table is limited (1,048,576 by default): naming a process per user, room or job with `String.to_atom/1` or `:\"worker_#{id}\"` leaks one atom per name until the VM crashes with `system_limit`.",
  fix:
    "Register dynamic processes in a `Registry`: `name: {:via, Registry, {MyApp.Registry, {:worker, id}}}` (any term works as the key), or keep the pids in a `DynamicSupervisor` and look them up by key.",
  example: "GenServer.start_link(__MODULE__, room, name: String.to_atom(\"room_\" <> room.id))",
  check({ file, report }) {
    for (const pair of file.nodes("pair")) {
      if (pairKey(pair) !== "name") continue;
      const value = pairValue(pair);
      if (!value || !isDynamicAtom(value) || !isRuntimeCode(pair) || !isProcessNameOption(pair)) continue;
      report({ node: value, message: `The process name \`${value.text.slice(0, 80)}\` creates a new atom at runtime.` });
    }
    for (const call of file.calls) {
      if (callName(call) !== "Process.register") continue;
      const name = args(call)[1];
      if (name && isDynamicAtom(name) && isRuntimeCode(call)) {
        report({ node: name, message: `\`Process.register/2\` with \`${name.text.slice(0, 80)}\` creates a new atom at runtime.` });
      }
    }
  },
};

