import type { AbortOutcome, Publisher } from "../github/publisher.js";
import type { ReviewReport, StageProgress } from "../pipeline/types.js";
import { formatDuration } from "../util/markdown.js";

/** The CLI's publisher: keeps the report (or the reason there is none) and shows progress on stderr. */
export class CollectingPublisher implements Publisher {
  report: ReviewReport | undefined;
  outcome: AbortOutcome | undefined;
  private readonly shown = new Set<string>();

  constructor(private readonly progressTo?: (line: string) => void) {}

  async begin(): Promise<void> {
    this.progressTo?.("elixir-agent: review started");
  }

  async progress(stages: readonly StageProgress[]): Promise<void> {
    for (const s of stages) {
      if ((s.state === "done" || s.state === "skipped" || s.state === "failed") && !this.shown.has(s.stage)) {
        this.shown.add(s.stage);
        const detail = s.detail ? ` — ${s.detail}` : "";
        this.progressTo?.(`  ${s.stage.padEnd(10)} ${s.state}${detail} (${formatDuration(s.durationMs)})`);
      }
    }
  }

  async complete(report: ReviewReport): Promise<void> {
    await this.progress(report.stages);
    this.report = report;
  }

  async abort(outcome: AbortOutcome): Promise<void> {
    this.outcome = outcome;
  }
}
