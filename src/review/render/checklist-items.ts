import { readFileSync } from "node:fs";
import { join } from "node:path";
import { agentAssetsDir } from "../../agent/assets.js";
import { parseChecklist, type ChecklistItem } from "../../agent/checklist.js";

export type { ChecklistItem };
/** Deterministic evidence kinds named in `agent/checklist.yaml`. */
export type EvidenceKind = ChecklistItem["evidence"][number];

let cached: ChecklistItem[] | undefined;

/** The expert checklist (`agent/checklist.yaml`, validated by the agent's schema), read once. */
export function checklistItems(): ChecklistItem[] {
  cached ??= parseChecklist(readFileSync(join(agentAssetsDir(), "checklist.yaml"), "utf8"));
  return cached;
}
