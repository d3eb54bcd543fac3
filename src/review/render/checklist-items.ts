import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Severity } from "../finding.js";

/** Deterministic evidence kinds named in `agent/checklist.yaml`. */
export type EvidenceKind = "compile" | "format" | "test" | "coverage" | "credo" | "dialyzer" | "analyzer";

export interface ChecklistItem {
  id: string;
  area: string;
  title: string;
  evidence: EvidenceKind[];
  severity: Severity;
}

const FILE = new URL("../../../agent/checklist.yaml", import.meta.url);
let cached: ChecklistItem[] | undefined;

/** The expert checklist (`agent/checklist.yaml`), read once. */
export function checklistItems(): ChecklistItem[] {
  if (cached) return cached;
  const doc = parse(readFileSync(FILE, "utf8")) as { items?: Partial<ChecklistItem>[] };
  cached = (doc.items ?? []).map((raw, i) => {
    if (typeof raw.id !== "string" || typeof raw.title !== "string") {
      throw new Error(`agent/checklist.yaml: item ${i + 1} needs an id and a title`);
    }
    return { id: raw.id, area: raw.area ?? "", title: raw.title, evidence: raw.evidence ?? [], severity: raw.severity ?? "minor" };
  });
  return cached;
}
