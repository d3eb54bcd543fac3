import { fileTemplateExpressions } from "../knowledge/embedded.js";
import { webRoleOf } from "../knowledge/roles.js";
import { isTrustedHtml } from "../knowledge/html.js";
import { parenthesised } from "../knowledge/templates.js";
import { parseElixir } from "../syntax/parser.js";
import type { SourceFile } from "../engine/source-file.js";
import type { Rule, RuleContext } from "../rule.js";
import { callName, effectiveArgs, isLocalCall } from "../syntax/calls.js";
import { moduleOf } from "../syntax/modules.js";
import type { SyntaxNode } from "../syntax/node.js";
import { inQuote, isInPattern } from "../syntax/patterns.js";
import { atomValue } from "../syntax/values.js";


export const rawHtml: Rule = {
  id: "security/raw-html",
  checklistItem: "security-xss",
  severity: "blocker",
  title: "`raw/1` or `{:safe, …}` on runtime data",
  granularity: "line",
  languages: ["elixir", "template"],
  files: "app",
  structural: true,
  why:
    "Phoenix escapes everything rendered into HTML unless it is marked safe. `raw/1` and `{:safe, iodata}` switch that off: if any part of the value comes from a user (a name, a comment, Markdown, JSON with `</script>`), it runs as script in other users' browsers — stored XSS.",
  fix:
    "Render the value normally (`<%= @bio %>` / `{@bio}`) so it is escaped; for user HTML or Markdown, sanitise first (`HtmlSanitizeEx.basic_html/1`) and only then mark it safe; for JSON inside `<script>`, encode with `Jason.encode!(data, escape: :html_safe)`.",
  example: "<%= raw @comment.body %>",
  async check(ctx) {
    await checkTemplates(ctx);
    if (ctx.file.facts.language === "elixir") checkCode(ctx);
  },
};

function checkCode({ file, report }: RuleContext): void {
  for (const call of file.calls) {
    const isRaw = isLocalCall(call, "raw") || callName(call) === "Phoenix.HTML.raw";
    if (!isRaw || inQuote(call) || isInPattern(call)) continue;
    const arg = effectiveArgs(call)[0];
    if (!arg || isTrustedHtml(arg, false)) continue;
    report({ node: call, endLine: call.line, message: `\`${clip(call.text)}\` marks runtime data as safe HTML.` });
  }
  for (const tuple of file.nodes("tuple")) {
    const [tag, value] = tuple.items;
    if (tuple.items.length !== 2 || !tag || !value || atomValue(tag) !== "safe") continue;
    if (isTrustedHtml(value, false) || inQuote(tuple) || isInPattern(tuple) || !isAppWebCode(tuple, file)) continue;
    report({ node: tuple, endLine: tuple.line, message: `\`${clip(tuple.text)}\` marks runtime data as safe HTML without escaping it.` });
  }
}

/** `{:safe, …}` is how Phoenix.HTML itself builds markup; flag it in application web code only. */
function isAppWebCode(node: SyntaxNode, file: SourceFile): boolean {
  const mod = moduleOf(node, file.modules);
  if (mod?.name.startsWith("Phoenix.")) return false;
  return file.facts.web || (mod !== undefined && webRoleOf(mod, file) !== undefined);
}

/** `raw(` or `raw ` at an expression boundary — not `raw <- list` (a variable) or `Foo.raw(`. */
const RAW_CALL = /(?<![\w.:@])(?:Phoenix\.HTML\.)?raw(\(|\s+(?![<=|+*/%&,)\]}-]|do\b|%>))/g;

async function checkTemplates({ file, report }: RuleContext): Promise<void> {
  for (const expr of fileTemplateExpressions(file)) {
    for (const match of expr.code.matchAll(RAW_CALL)) {
      const open = match.index + match[0].length - (match[1] === "(" ? 1 : 0);
      const arg = match[1] === "(" ? parenthesised(expr.code, open) : expr.code.slice(open).replace(/\s*(do|->)\s*$/, "");
      if (arg === undefined || arg.trim() === "" || (await trustedSnippet(arg))) continue;
      const offset = expr.start + match.index;
      report({
        line: file.lineAt(offset),
        column: file.columnAt(offset),
        message: `\`raw(${clip(arg.trim())})\` in a template renders runtime data unescaped.`,
      });
    }
  }
}

/** Parses a template argument as Elixir and classifies it like code (assigns count as data). */
async function trustedSnippet(code: string): Promise<boolean> {
  const parsed = await parseElixir(code);
  const [expr, ...rest] = parsed.root.items;
  return parsed.errors.length === 0 && expr !== undefined && rest.length === 0 && isTrustedHtml(expr, true);
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, " ");
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}
