import type { Rule } from "../rule.js";
import { args, doBody, isLocalCall, statements } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { atomValue } from "../syntax/values.js";

export const csrfPipeline: Rule = {
  id: "security/csrf-pipeline",
  checklistItem: "security-csrf",
  severity: "major",
  title: "Browser pipeline without CSRF protection or secure headers",
  granularity: "function",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "A pipeline that fetches the session serves cookie-authenticated HTML. Without `:protect_from_forgery`, any site can make a logged-in user's browser submit forms to it (CSRF); without `:put_secure_browser_headers`, pages lack the headers that stop clickjacking and content sniffing.",
  fix: "Add `plug :protect_from_forgery` and `plug :put_secure_browser_headers` to the pipeline (after `:fetch_session`), as `mix phx.new` generates.",
  example: "pipeline :browser do\n  plug :accepts, [\"html\"]\n  plug :fetch_session\nend",
  check({ file, report }) {
    for (const call of file.calls) {
      if (!isLocalCall(call, "pipeline")) continue;
      const plugs = statements(doBody(call)).filter((s) => isLocalCall(s, "plug"));
      const names = plugs.map(plugName);
      const sessions = names.some((n) => /^(fetch_session|fetch_live_flash|fetch_flash)$/.test(n));
      const accepts = plugs.find((p) => plugName(p) === "accepts");
      const name = args(call)[0]?.text ?? "";
      const html = accepts ? /"html"/.test(accepts.text) : /browser|html/.test(name);
      if (!sessions || !html) continue;
      const missing: string[] = [];
      if (!names.some((n) => /forgery|csrf/i.test(n))) missing.push(":protect_from_forgery");
      if (!names.some((n) => /secure|header|csp/i.test(n))) missing.push(":put_secure_browser_headers");
      if (missing.length === 0) continue;
      const last = plugs[plugs.length - 1]!;
      const indent = file.indentOf(last.line);
      const suggestion =
        last.line === last.endLine && /^\s*(#.*)?$/.test(file.restOfLine(last.end))
          ? [file.line(last.line), ...missing.map((m) => `${indent}plug ${m}`)].join("\n")
          : undefined;
      const pipeline = name || "pipeline";
      const hit = {
        line: last.line,
        column: last.column,
        message: `The browser pipeline \`${pipeline}\` fetches the session but does not plug ${missing.map((m) => `\`${m}\``).join(" or ")}.`,
        scope: { line: call.line, endLine: call.endLine },
      };
      report(suggestion ? { ...hit, suggestion } : hit);
    }
  },
};

/** `plug :fetch_session` → "fetch_session"; `plug MyAppWeb.Plugs.CSP` → "MyAppWeb.Plugs.CSP". */
function plugName(plug: SyntaxNode): string {
  const first = args(plug)[0];
  if (!first) return "";
  return atomValue(first) ?? first.text;
}
