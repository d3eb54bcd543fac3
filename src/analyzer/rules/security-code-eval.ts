import type { Rule } from "../rule.js";
import { callName, effectiveArgs } from "../syntax/calls.js";
import { isRuntimeCode } from "../syntax/patterns.js";
import { isConstant } from "../syntax/values.js";

const EVALS = new Set([
  "Code.eval_string", "Code.eval_quoted", "Code.eval_quoted_with_env", "Code.compile_string", "Code.compile_quoted",
  ":erl_eval.exprs", ":erl_eval.expr", "EEx.eval_string",
]);

export const codeEval: Rule = {
  id: "security/code-eval",
  checklistItem: "security-code-execution",
  severity: "blocker",
  title: "Code evaluated at runtime",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "`Code.eval_string/3` and friends run arbitrary Elixir with the full rights of the node: if any part of the input can be influenced from outside (a parameter, a database row, a file a user uploaded), that is remote code execution. Evaluated code is also slow (interpreted) and invisible to the compiler and Dialyzer.",
  fix: "Replace evaluation with data: parse the input into a known structure (JSON, a keyword list, an allow-listed set of operations) and pattern-match on it; for templates use compiled EEx (`EEx.function_from_file/5`) instead of `EEx.eval_*`.",
  example: "{result, _} = Code.eval_string(params[\"formula\"])",
  check({ file, report }) {
    if (file.facts.script || file.facts.mixTask) return;
    for (const call of file.calls) {
      const name = callName(call);
      if (!name || !EVALS.has(name) || !isRuntimeCode(call)) continue;
      const input = effectiveArgs(call)[0];
      if (!input || isConstant(input)) continue;
      report({ node: call, endLine: call.line, message: `\`${name}\` evaluates \`${input.text.slice(0, 60)}\` at runtime.` });
    }
  },
};
