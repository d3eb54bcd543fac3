import { SLEEPS } from "../knowledge/blocking.js";
import type { Rule } from "../rule.js";
import { callName, effectiveArgs, isLocalCall } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { DEF_KINDS } from "../syntax/patterns.js";
import { atomValue } from "../syntax/values.js";

export const testProcessSleep: Rule = {
  id: "test/process-sleep",
  checklistItem: "test-coverage",
  severity: "minor",
  title: "`Process.sleep` used to wait in a test",
  granularity: "line",
  languages: ["elixir"],
  files: "tests",
  structural: false,
  why:
    "A sleep guesses how long something takes: too short and the test fails on a loaded CI machine (flaky), too long and the suite gets slower with every such test. It also hides what the test is waiting for.",
  fix:
    "Wait for the event itself: `assert_receive {:done, _}, 1_000` after subscribing or passing `self()`, `Process.monitor/1` plus `assert_receive {:DOWN, …}`, `:sys.get_state/1` to let a GenServer drain its mailbox, or a small polling helper with a deadline.",
  example: "test \"expires the session\" do\n  Sessions.start(user)\n  Process.sleep(1_100)\n  refute Sessions.active?(user)\nend",
  check({ file, report }) {
    if (!file.facts.testCase) return;
    for (const call of file.calls) {
      if (!SLEEPS.has(callName(call) ?? "")) continue;
      const arg = effectiveArgs(call)[0];
      if (arg && atomValue(arg) === "infinity") continue;
      if (!directlyInTest(call)) continue;
      report({ node: call, endLine: call.line, message: `The test waits a fixed \`${arg?.text ?? "?"}\` ms instead of for the event it expects.` });
    }
  },
};

/** Inside a `test`/`setup` body itself, not in a helper function or a process the test spawns. */
function directlyInTest(node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "anonymous_function") return false;
    if (isLocalCall(n, ...DEF_KINDS)) return false;
    if (isLocalCall(n, "test", "setup", "setup_all")) return true;
  }
  return false;
}
