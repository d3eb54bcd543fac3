import type { ReviewReport } from "../../pipeline/types.js";
import type { FindingSource } from "../../review/finding.js";

/**
 * Whether a source looked at a file in this review. A thread is only marked fixed when the source
 * that raised it ran again over its file and did not report it: a tool that did not run says
 * nothing about a fix.
 */
export function sourceCovered(report: ReviewReport): (source: FindingSource, path: string) => boolean {
  return (source, path) => {
    switch (source) {
      case "analyzer":
        return report.analyzer.ran && !report.analyzer.skipped.some((s) => s.path === path);
      case "agent":
        return (report.agent.status === "ran" || report.agent.status === "partial") && report.agent.filesSeen.includes(path);
      default: {
        const step = report.toolchain.steps.find((s) => s.id === source);
        return report.toolchain.ran && (step?.status === "passed" || step?.status === "failed");
      }
    }
  };
}
