import type { Publisher } from "../github/publisher.js";
import type { Logger } from "../logger.js";
import { STAGES, type StageName, type StageProgress, type StageState } from "./types.js";

/** Records each stage's state and duration and forwards progress to the publisher. */
export class StageTracker {
  private readonly stages: StageProgress[] = STAGES.map((stage) => ({ stage, state: "pending" }));

  constructor(
    private readonly publisher: Publisher,
    private readonly log: Logger,
  ) {}

  /** Runs one stage; its failure is recorded and re-thrown. */
  async run<T>(stage: StageName, fn: () => Promise<T>, describe?: (result: T) => string | undefined): Promise<T> {
    const started = performance.now();
    this.set(stage, "running");
    try {
      const result = await fn();
      this.set(stage, "done", describe?.(result), performance.now() - started);
      await this.push();
      return result;
    } catch (error) {
      this.set(stage, "failed", error instanceof Error ? error.message : String(error), performance.now() - started);
      throw error;
    }
  }

  /** Progress inside a running stage (e.g. each toolchain step as it finishes). */
  async note(stage: StageName, detail: string): Promise<void> {
    const entry = this.stages.find((s) => s.stage === stage)!;
    if (entry.state !== "running") return;
    entry.detail = detail;
    await this.push();
  }

  skip(stage: StageName, detail: string): void {
    this.set(stage, "skipped", detail);
  }

  snapshot(): StageProgress[] {
    return this.stages.map((s) => ({ ...s }));
  }

  /** The stage that was running when the job stopped. */
  current(): StageName | undefined {
    return this.stages.find((s) => s.state === "running" || s.state === "failed")?.stage;
  }

  private set(stage: StageName, state: StageState, detail?: string, durationMs?: number): void {
    const entry = this.stages.find((s) => s.stage === stage)!;
    entry.state = state;
    if (detail !== undefined) entry.detail = detail;
    else delete entry.detail;
    if (durationMs !== undefined) entry.durationMs = Math.round(durationMs);
  }

  private async push(): Promise<void> {
    try {
      await this.publisher.progress(this.snapshot());
    } catch (error) {
      // Progress is cosmetic: a failed update must not fail the review.
      this.log.warn({ err: error }, "progress update failed");
    }
  }
}
