import { parse } from "yaml";
import { z } from "zod";
import { SEVERITIES } from "../review/finding.js";
import { readAgentAsset } from "./assets.js";

const EvidenceSource = z.enum(["compile", "format", "test", "coverage", "credo", "dialyzer", "analyzer"]);

export const ChecklistItemSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    area: z.string().min(1),
    title: z.string().min(1),
    lookFor: z.string().min(1),
    evidence: z.array(EvidenceSource),
    severity: z.enum(SEVERITIES),
  })
  .strict();
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

const ChecklistFileSchema = z.object({ items: z.array(ChecklistItemSchema).min(1) }).strict();

let loaded: Promise<ChecklistItem[]> | undefined;

/** `agent/checklist.yaml`, validated; ids are unique. */
export function loadChecklist(): Promise<ChecklistItem[]> {
  loaded ??= readAgentAsset("checklist.yaml").then(parseChecklist);
  return loaded;
}

export function parseChecklist(text: string): ChecklistItem[] {
  const result = ChecklistFileSchema.safeParse(parse(text));
  if (!result.success) throw new Error(`agent/checklist.yaml is invalid:\n${z.prettifyError(result.error)}`);
  const ids = new Set<string>();
  for (const item of result.data.items) {
    if (ids.has(item.id)) throw new Error(`agent/checklist.yaml: duplicate item id "${item.id}"`);
    ids.add(item.id);
  }
  return result.data.items;
}

/** The checklist as the model reads it (part of the cached prefix: deterministic, no per-repo data). */
export function renderChecklist(items: readonly ChecklistItem[]): string {
  const lines = ["# Checklist", "", "Evaluate every item below that is not switched off for this repository.", ""];
  for (const item of items) {
    lines.push(`## ${item.id} — ${item.title}`);
    lines.push(`Area: ${item.area}. Default severity: ${item.severity}.`);
    lines.push(`Evidence that applies: ${item.evidence.length ? item.evidence.join(", ") : "your reading of the diff"}.`);
    lines.push(`Look for: ${item.lookFor}`, "");
  }
  return lines.join("\n");
}
