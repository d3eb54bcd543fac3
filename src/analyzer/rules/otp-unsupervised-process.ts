import type { Rule } from "../rule.js";
import { args, callName } from "../syntax/calls.js";
import { enclosingDef, isRuntimeCode } from "../syntax/patterns.js";
import { clauseOf } from "../syntax/modules.js";

const SPAWNS = new Set(["spawn", "spawn_link", "Process.spawn", "Kernel.spawn", "Kernel.spawn_link", "Task.start", "Agent.start", "GenServer.start"]);
/** Functions that exist to start a process for their caller (`start/1` of a library API). */
const STARTERS = /^(start|child_spec$|init$)/;

export const unsupervisedProcess: Rule = {
  id: "otp/unsupervised-process",
  checklistItem: "otp-supervision",
  severity: "major",
  title: "Process started outside a supervision tree",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "A bare `spawn`/`Task.start`/`Agent.start` process has no supervisor: when it crashes nobody restarts it or even notices, it is not shut down in order when the application stops (work is cut off mid-way on deploys), and it cannot be found or inspected in the supervision tree.",
  fix:
    "Start it under a supervisor: `Task.Supervisor.start_child(MyApp.TaskSupervisor, fn -> … end)` for fire-and-forget work (add `{Task.Supervisor, name: MyApp.TaskSupervisor}` to the application's children), a `DynamicSupervisor` for long-lived processes, or a child spec in the application tree.",
  example: "spawn(fn -> Mailer.deliver(email) end)",
  check({ file, report }) {
    if (!file.facts.lib) return;
    for (const call of file.calls) {
      const name = callName(call);
      if (!name || !SPAWNS.has(name) || !isRuntimeCode(call)) continue;
      if (name === "spawn" || name === "spawn_link") {
        // Kernel's spawn takes a function or module/function/args; a local `spawn/2` is something else.
        if (args(call).length !== 1 && args(call).length !== 3) continue;
      }
      const def = enclosingDef(call);
      const clause = def ? clauseOf(def) : undefined;
      if (clause && STARTERS.test(clause.name) && !name.startsWith("spawn") && name !== "Task.start") continue;
      report({
        node: call,
        endLine: call.line,
        message: `\`${name}\` starts a process that no supervisor watches.`,
        title: `\`${name}\` outside a supervision tree`,
      });
    }
  },
};
