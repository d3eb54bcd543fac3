import type { StepId, StepResult, StepStatus } from "./types.js";

/** A result without findings: skipped (switched off, not applicable) or not run (could not run). */
export function outcome(id: StepId, status: Extract<StepStatus, "skipped" | "not_run">, reason: string, startedAt?: number, command?: string): StepResult {
  const result: StepResult = { id, status, reason, durationMs: startedAt === undefined ? 0 : Date.now() - startedAt, findings: [] };
  if (command) result.command = command;
  return result;
}

/** `3 errors, 1 warning` from counts, leaving out zeros. */
export function describeCounts(counts: Record<string, number>, nouns: Record<string, [string, string]>): string {
  return Object.entries(nouns)
    .filter(([key]) => (counts[key] ?? 0) > 0)
    .map(([key, [one, many]]) => `${counts[key]} ${counts[key] === 1 ? one : many}`)
    .join(", ");
}
