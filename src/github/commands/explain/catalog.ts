import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { SEVERITIES, type Severity } from "../../../review/finding.js";

/** An analyzer rule as `explain` shows it (the analyzer's `Rule` objects fit this shape). */
export interface RuleDoc {
  id: string;
  checklistItem: string;
  severity: Severity;
  title: string;
  why?: string;
  fix?: string;
  example?: string;
}

export interface ChecklistDoc {
  id: string;
  area: string;
  title: string;
  lookFor: string;
  severity: Severity;
  evidence: readonly string[];
}

/** What `explain` can draw on: the analyzer's rule registry and the expert checklist. */
export interface Catalog {
  rules: readonly RuleDoc[];
  checklist: readonly ChecklistDoc[];
}

const ChecklistFile = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      area: z.string(),
      title: z.string(),
      lookFor: z.string(),
      severity: z.enum(SEVERITIES),
      evidence: z.array(z.string()).default([]),
    }),
  ),
});

let checklist: Promise<ChecklistDoc[]> | undefined;

/** `agent/checklist.yaml`, found by walking up from this module (works from `src/` and `dist/src/`). */
export function loadChecklistDocs(): Promise<ChecklistDoc[]> {
  checklist ??= (async () => {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 8; i++) {
      const path = join(dir, "agent", "checklist.yaml");
      if (existsSync(path)) return ChecklistFile.parse(parse(await readFile(path, "utf8"))).items;
      dir = dirname(dir);
    }
    throw new Error("agent/checklist.yaml not found: the checklist data is missing from this install");
  })();
  return checklist;
}

/** The catalog from the checklist and the given analyzer rules (none until the analyzer is wired in). */
export async function defaultCatalog(rules: readonly RuleDoc[] = []): Promise<Catalog> {
  return { rules, checklist: await loadChecklistDocs() };
}
