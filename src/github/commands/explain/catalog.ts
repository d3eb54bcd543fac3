import { loadChecklist } from "../../../agent/checklist.js";
import type { Severity } from "../../../review/finding.js";

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

/** The catalog from the checklist and the analyzer's rules. */
export async function defaultCatalog(rules: readonly RuleDoc[]): Promise<Catalog> {
  return { rules, checklist: await loadChecklist() };
}
