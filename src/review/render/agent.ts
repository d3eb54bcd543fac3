import type { ReviewReport } from "../../pipeline/types.js";
import { escapeMd, inlineCode } from "../../util/markdown.js";

const MAX_PATHS = 40;

/** The AI review: its summary, what it saw and did not see, tokens and cost. */
export function renderAgent(report: ReviewReport): string[] {
  const a = report.agent;
  const out = ["#### AI review", ""];
  if (a.status === "skipped" || a.status === "failed") {
    out.push(`The AI review did not run: ${escapeMd(a.reason ?? "unavailable")}. The verdict rests on the deterministic evidence above.`, "");
    return out;
  }
  if (a.summary) out.push(escapeMd(a.summary), "");
  if (a.status === "partial" && a.reason) out.push(`> Partial: ${escapeMd(a.reason)}`, "");
  out.push(`Saw ${a.filesSeen.length} file(s)${a.filesSeen.length > 0 ? `: ${paths(a.filesSeen)}` : ""}.`, "");
  if (a.filesNotSeen.length > 0) out.push(`Did **not** see ${a.filesNotSeen.length} file(s): ${paths(a.filesNotSeen)}.`, "");
  const u = a.usage;
  out.push(
    `Model ${inlineCode(a.model ?? "?")} · ${a.calls} call(s) · tokens: ${u.input} in, ${u.output} out, ${u.cacheRead} cache read, ${u.cacheWrite} cache write` +
      (a.costUsd !== undefined ? ` · ≈ $${a.costUsd.toFixed(4)}` : ""),
    "",
  );
  if (report.config.gate.agent === "off") out.push("<sub>AI findings are advice: they do not decide this check (gate.agent: off).</sub>", "");
  return out;
}

function paths(list: readonly string[]): string {
  const shown = list.slice(0, MAX_PATHS).map((p) => inlineCode(p)).join(", ");
  return list.length > MAX_PATHS ? `${shown} and ${list.length - MAX_PATHS} more` : shown;
}
