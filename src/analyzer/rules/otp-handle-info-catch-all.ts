import { isGenServer } from "../knowledge/otp.js";
import type { Rule } from "../rule.js";

export const handleInfoCatchAll: Rule = {
  id: "otp/handle-info-catch-all",
  checklistItem: "otp-behaviours",
  severity: "minor",
  title: "`handle_info/2` without a catch-all clause",
  granularity: "function",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "Defining `handle_info/2` replaces the default from `use GenServer`, which logs and ignores unknown messages. Any message no clause matches — a late `GenServer.call` reply after a timeout, a `:DOWN` or `:EXIT` from a monitor, a stray `send/2` — then raises `FunctionClauseError` and crashes the server, losing its state.",
  fix: "Add a last clause that accepts any message, logs it if useful, and returns `{:noreply, state}`.",
  example: "def handle_info(:refresh, state), do: {:noreply, reload(state)}\n# no clause for other messages",
  check({ file, report }) {
    for (const mod of file.modules) {
      if (mod.quoted || !isGenServer(mod)) continue;
      const fn = mod.functions.find((f) => f.kind === "def" && f.name === "handle_info" && f.arity === 2);
      if (!fn) continue;
      const catchAll = fn.clauses.some((c) => !c.guard && c.params[0]?.type === "identifier");
      if (catchAll) continue;
      const last = fn.clauses[fn.clauses.length - 1]!;
      const endText = file.line(last.node.endLine);
      const indent = file.indentOf(last.node.line);
      const hit = {
        line: last.node.endLine,
        column: last.node.column,
        message: `No clause of \`${mod.name}.handle_info/2\` matches an arbitrary message; an unexpected message crashes the server.`,
        scope: { line: fn.line, endLine: fn.endLine },
      };
      // Only offer the replacement when the clause ends its line (nothing else follows on it).
      report(
        /^\s*(#.*)?$/.test(file.restOfLine(last.node.end))
          ? { ...hit, suggestion: `${endText}\n\n${indent}def handle_info(_msg, state), do: {:noreply, state}` }
          : hit,
      );
    }
  },
};

