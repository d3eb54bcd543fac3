import { codeBlock, inlineCode } from "../../../util/markdown.js";
import type { Catalog, ChecklistDoc } from "./catalog.js";
import { toolFamilyOf } from "./tools.js";

/**
 * Why a rule matters and how to fix it, with its checklist item; undefined for a rule nobody
 * knows. Analyzer rules come first, then the toolchain families, agent findings and checklist ids.
 */
export function renderExplanation(catalog: Catalog, rule: string): string | undefined {
  const analyzer = catalog.rules.find((r) => r.id === rule);
  if (analyzer) {
    const out = [`### ${inlineCode(analyzer.id)} — ${analyzer.title}`, "", `Static analyzer rule · default severity **${analyzer.severity}**`, ""];
    if (analyzer.why) out.push(`**Why it matters.** ${analyzer.why}`, "");
    if (analyzer.fix) out.push(`**How to fix it.** ${analyzer.fix}`, "");
    if (analyzer.example) out.push("Flagged, for example:", "", codeBlock(analyzer.example, "elixir"), "");
    out.push(checklistLine(catalog, analyzer.checklistItem));
    return out.join("\n");
  }
  const tool = toolFamilyOf(rule);
  if (tool) {
    const docs = tool.family.docs?.(tool.rest);
    return [
      `### ${inlineCode(rule)}`,
      "",
      `Reported by ${tool.family.tool}${tool.rest ? ` (${inlineCode(tool.rest)})` : ""}.`,
      "",
      `**Why it matters.** ${tool.family.why}`,
      "",
      `**How to fix it.** ${tool.family.fix}${docs ? ` Documentation: ${docs}` : ""}`,
      "",
      checklistLine(catalog, tool.family.checklistItem),
    ].join("\n");
  }
  const agentItem = /^agent\/(.+)$/.exec(rule)?.[1];
  const item = catalog.checklist.find((c) => c.id === (agentItem ?? rule));
  if (item) {
    const intro = agentItem ? `A finding of the AI review against the checklist item below. The model's comment says what it saw; the gate only counts it when \`gate.agent\` opts in.` : undefined;
    return [`### ${inlineCode(rule)}`, "", ...(intro ? [intro, ""] : []), renderItem(item)].join("\n");
  }
  return undefined;
}

function checklistLine(catalog: Catalog, id: string): string {
  const item = catalog.checklist.find((c) => c.id === id);
  return item ? `**Checklist item** ${inlineCode(item.id)} (${item.area}): ${item.title}.` : `**Checklist item** ${inlineCode(id)}.`;
}

function renderItem(item: ChecklistDoc): string {
  return [
    `**Checklist item** ${inlineCode(item.id)} (${item.area}): ${item.title}.`,
    "",
    `**What to look for.** ${item.lookFor}`,
    "",
    `Default severity **${item.severity}** · evidence: ${item.evidence.length ? item.evidence.join(", ") : "the review's reading of the diff"}.`,
  ].join("\n");
}

/** Ids that start like the unknown one, to suggest. */
export function similarIds(catalog: Catalog, rule: string): string[] {
  const head = rule.toLowerCase().split(/[/-]/)[0] ?? "";
  const ids = [...catalog.rules.map((r) => r.id), ...catalog.checklist.map((c) => c.id)];
  return ids.filter((id) => head.length > 1 && id.toLowerCase().startsWith(head)).slice(0, 8);
}
