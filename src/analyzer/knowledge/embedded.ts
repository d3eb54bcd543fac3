import type { SourceFile } from "../engine/source-file.js";
import { templateExpressions, type TemplateExpression } from "./templates.js";

const TEMPLATE_SIGILS: Record<string, boolean> = { H: true, LVN: true, E: false, L: false, F: true, surface: true };

/**
 * Template expressions of a file: the whole file for `.heex`/`.eex`/`.leex`, the `~H`/`~E`/`~L`
 * sigils of an Elixir file. Offsets are into the file's text. Scanned once per file.
 */
export function fileTemplateExpressions(file: SourceFile): readonly TemplateExpression[] {
  return file.shared(scan);
}

function scan(file: SourceFile): TemplateExpression[] {
  if (file.facts.language === "template") return templateExpressions(file.text, /\.(heex|sface)$/.test(file.path));
  const out: TemplateExpression[] = [];
  for (const sigil of file.nodes("sigil")) {
    const name = sigil.children.find((c) => c.type === "sigil_name")?.text ?? "";
    const heex = TEMPLATE_SIGILS[name];
    if (heex === undefined) continue;
    for (const content of sigil.children.filter((c) => c.type === "quoted_content")) {
      for (const e of templateExpressions(content.text, heex)) {
        out.push({ start: e.start + content.start, end: e.end + content.start, code: e.code });
      }
    }
  }
  return out;
}
