import type { Rule } from "../rule.js";
import { callName, statements } from "../syntax/calls.js";
import { moduleOf, type ModuleInfo } from "../syntax/modules.js";
import type { SyntaxNode } from "../syntax/node.js";
import { enclosingDef, isInPattern, isRuntimeCode } from "../syntax/patterns.js";

const ASYNC = new Set(["Task.async", "Task.Supervisor.async"]);
const BLOCKS = new Set(["do_block", "body", "block", "source"]);

export const taskAsyncNotAwaited: Rule = {
  id: "otp/task-async-not-awaited",
  checklistItem: "otp-behaviours",
  severity: "major",
  title: "`Task.async` result never awaited",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "`Task.async` links the task to the caller and sends its result back as a message. If nobody calls `Task.await`/`Task.yield`, the reply and the `:DOWN` message pile up in the caller's mailbox, a crash in the task takes the caller down with it, and the work is not bounded by any timeout.",
  fix:
    "Keep the task and `Task.await/2` (or `Task.await_many/2`, `Task.yield/2`) it. For fire-and-forget work use `Task.Supervisor.start_child/2`; in a GenServer or LiveView use `Task.Supervisor.async_nolink/2` and handle the `{ref, result}` and `:DOWN` messages.",
  example: "def handle_event(\"export\", _params, socket) do\n  Task.async(fn -> Export.run(socket.assigns.user) end)\n  {:noreply, socket}\nend",
  check({ file, report }) {
    for (const call of file.calls) {
      const name = callName(call);
      if (!name || !ASYNC.has(name) || !isRuntimeCode(call)) continue;
      const unused = discarded(call);
      if (!unused) continue;
      if (handlesTaskReplies(moduleOf(call, file.modules))) continue;
      report({ node: call, endLine: call.line, message: `The task started by \`${name}\` is ${unused}.` });
    }
  },
};

/** How the task's value is lost, or undefined when it is used. */
function discarded(call: SyntaxNode): string | undefined {
  let node = call;
  // `Task.async(f) |> Task.await()` — the value flows on.
  while (node.parent?.type === "binary_operator" && node.parent.operator === "|>") {
    if (node.parent.child("left") === node) return undefined;
    node = node.parent;
  }
  const parent = node.parent;
  if (!parent) return undefined;
  if (BLOCKS.has(parent.type)) {
    const items = statements(parent);
    return items[items.length - 1] === node ? undefined : "discarded (its return value is not kept)";
  }
  if (parent.type === "binary_operator" && parent.operator === "=" && parent.child("right") === node) {
    const left = parent.child("left");
    if (left?.type !== "identifier") return undefined;
    if (left.text.startsWith("_")) return `bound to \`${left.text}\` and never awaited`;
    const scope = enclosingDef(parent);
    if (!scope) return undefined;
    const used = scope.some((n) => n.type === "identifier" && n.text === left.text && n.start > parent.end && !isInPattern(n));
    return used ? undefined : `bound to \`${left.text}\`, which is never used again`;
  }
  return undefined;
}

/**
 * Processes that receive task replies as messages: a `handle_info/2` (or `:gen_statem`
 * `handle_event/4`) clause matching `{ref, result}`, or a `Process.demonitor(ref, [:flush])`.
 */
function handlesTaskReplies(mod: ModuleInfo | undefined): boolean {
  if (!mod) return false;
  if (/Process\.demonitor\([^)]*:flush/.test(mod.node.text)) return true;
  return mod.functions.some(
    (f) =>
      (f.name === "handle_info" || f.name === "handle_event") &&
      f.clauses.some((c) => c.params.some((p) => p.type === "tuple" && p.items.length === 2 && p.items[0]?.type === "identifier")),
  );
}
