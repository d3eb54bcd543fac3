import type { Rule } from "../rule.js";
import { args, callName, effectiveArgs, hasArgumentList } from "../syntax/calls.js";
import { isRuntimeCode } from "../syntax/patterns.js";
import { atomValue } from "../syntax/values.js";

export const binaryToTerm: Rule = {
  id: "security/binary-to-term",
  checklistItem: "security-code-execution",
  severity: "blocker",
  title: "`:erlang.binary_to_term` without `[:safe]`",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "`binary_to_term/1` decodes anything: a crafted binary can create unlimited new atoms (exhausting the atom table) and embed function values that execute code when called — remote code execution if the bytes come from a cookie, a request, a queue or a shared cache.",
  fix:
    "Decode untrusted bytes with `Plug.Crypto.non_executable_binary_to_term(bin, [:safe])` (rejects functions and new atoms), or at least `:erlang.binary_to_term(bin, [:safe])`; better, use a data format such as JSON for data that crosses a trust boundary.",
  example: "session = :erlang.binary_to_term(Base.decode64!(cookie))",
  check({ file, report }) {
    if (file.facts.script || file.facts.mixTask) return;
    for (const call of file.calls) {
      if (callName(call) !== ":erlang.binary_to_term" || !hasArgumentList(call) || !isRuntimeCode(call)) continue;
      const all = effectiveArgs(call);
      const options = all[1];
      if (options && (options.type !== "list" || options.items.some((i) => atomValue(i) === "safe"))) continue;
      const line = file.line(call.line);
      const written = args(call);
      const canSuggest = !options && call.line === call.endLine && line.split(":erlang.binary_to_term").length === 2;
      const replaced = written.length === 0 ? call.text.replace(/\(\s*\)$/, "([:safe])") : call.text.replace(/\)$/, ", [:safe])");
      const hit = { node: call, endLine: call.line, message: `\`${call.text.slice(0, 80)}\` decodes without the \`:safe\` option.` };
      report(canSuggest ? { ...hit, suggestion: line.replace(call.text, replaced) } : hit);
    }
  },
};
