import type { Rule } from "../rule.js";
import { callName, effectiveArgs } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { isRuntimeCode } from "../syntax/patterns.js";
import { atomValue, isConstant, stringValue } from "../syntax/values.js";

const SHELLS = /^(\/bin\/|\/usr\/bin\/)?(sh|bash|zsh|dash|cmd|cmd\.exe|powershell)$/;

export const commandInjection: Rule = {
  id: "security/command-injection",
  checklistItem: "security-code-execution",
  severity: "blocker",
  title: "Shell command built from runtime data",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "`:os.cmd/1`, `System.shell/2` and `sh -c` hand the whole string to a shell: a value containing `;`, `$( )` or backticks runs commands of the attacker's choosing with the node's rights.",
  fix: "Call the program directly with an argument list — `System.cmd(\"convert\", [input, output])` — which passes each argument verbatim without a shell; validate values that select files or options.",
  example: ":os.cmd(~c\"convert #{upload.path} out.png\")",
  check({ file, report }) {
    if (file.facts.script || file.facts.mixTask) return;
    for (const call of file.calls) {
      const name = callName(call);
      if (!name || !isRuntimeCode(call)) continue;
      const argv = effectiveArgs(call);
      let command: SyntaxNode | undefined;
      if (name === ":os.cmd" || name === "System.shell") command = argv[0];
      else if (name === "System.cmd") command = shellScript(argv);
      else if (name === "Port.open") command = spawnCommand(argv[0]);
      if (!command || isConstant(command)) continue;
      report({ node: call, endLine: call.line, message: `\`${name}\` runs \`${command.text.slice(0, 60)}\` through a shell.` });
    }
  },
};

/** `System.cmd("sh", ["-c", script])` → script. */
function shellScript(argv: SyntaxNode[]): SyntaxNode | undefined {
  const [program, list] = argv;
  const exe = program ? stringValue(program) : undefined;
  if (!exe || !SHELLS.test(exe) || list?.type !== "list") return undefined;
  const items = list.items;
  const flag = items.findIndex((i) => ["-c", "/c", "-Command"].includes(stringValue(i) ?? ""));
  return flag === -1 ? undefined : items[flag + 1];
}

/** `Port.open({:spawn, command}, …)` → command (`:spawn_executable` takes no shell). */
function spawnCommand(spec: SyntaxNode | undefined): SyntaxNode | undefined {
  if (spec?.type !== "tuple") return undefined;
  const [kind, command] = spec.items;
  return kind && atomValue(kind) === "spawn" ? command : undefined;
}
