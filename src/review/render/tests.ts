import type { ReviewReport } from "../../pipeline/types.js";
import { escapeMd, inlineCode } from "../../util/markdown.js";
import { ICON } from "./icons.js";

const MAX_FAILURES = 30;

/** Test counts and each failing test by name with file:line. */
export function renderTests(report: ReviewReport): string[] {
  const tests = report.toolchain.steps.find((s) => s.id === "test")?.tests;
  if (!tests) return [];
  const out = [
    "#### Tests",
    "",
    `${tests.total} tests: ${tests.passed} passed, ${tests.failed} failed, ${tests.invalid} invalid, ${tests.skipped} skipped, ${tests.excluded} excluded` +
      `${tests.seed !== undefined ? ` (seed ${tests.seed})` : ""}${tests.completed ? "" : " — **the run did not finish**"}`,
    "",
  ];
  for (const f of tests.failures.slice(0, MAX_FAILURES)) {
    const where = f.file ? ` — ${inlineCode(`${f.file}${f.line ? `:${f.line}` : ""}`)}` : "";
    const why = f.failure ? `: ${escapeMd(f.failure.split("\n").find((l) => l.trim() !== "")?.trim().slice(0, 200) ?? "")}` : "";
    out.push(`- ${ICON.failed} ${escapeMd(f.module)} ${escapeMd(f.name)}${where}${why}`);
  }
  if (tests.failures.length > MAX_FAILURES) out.push(`- … and ${tests.failures.length - MAX_FAILURES} more`);
  if (tests.failures.length > 0) out.push("");
  return out;
}

/** Total coverage against the threshold, and the least covered modules below it. */
export function renderCoverage(report: ReviewReport): string[] {
  const cov = report.toolchain.steps.find((s) => s.id === "test")?.coverage;
  if (!cov) return [];
  const ok = cov.total >= cov.threshold;
  const out = ["#### Coverage", "", `${ok ? ICON.passed : ICON.failed} ${cov.total.toFixed(1)} % total — threshold ${cov.threshold} %${ok ? "" : " (below)"}`, ""];
  const low = cov.modules.filter((m) => m.percent < cov.threshold).sort((a, b) => a.percent - b.percent).slice(0, 10);
  if (low.length > 0) {
    out.push("| module | coverage |", "|---|---|");
    for (const m of low) out.push(`| ${escapeMd(m.module)}${m.path ? ` (${inlineCode(m.path)})` : ""} | ${m.percent.toFixed(1)} % |`);
    out.push("");
  }
  return out;
}
