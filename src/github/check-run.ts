import type { Logger } from "../logger.js";
import type { Conclusion, StageProgress } from "../pipeline/types.js";
import { formatDuration, oneLine, truncateMarkdown } from "../util/markdown.js";
import { createOnce } from "./create-once.js";
import { ACTIONS } from "./handlers/checks.js";
import { LIMITS } from "./limits.js";
import { NO_AUTO_RETRY, type GitHubClient } from "./octokit.js";

/** The check run's name is a constant, so it can be made a required status check. */
export const CHECK_NAME = "elixir-agent";

export interface CheckTarget {
  owner: string;
  repo: string;
  headSha: string;
  jobId: string;
}

export interface CheckRunOptions {
  /** Every string that leaves for GitHub passes here. */
  redact: (text: string) => string;
  log: Logger;
  /** Minimum time between progress updates. */
  progressIntervalMs?: number;
  now?: () => number;
}

export interface CheckOutput {
  title: string;
  summary: string;
}

export type FinalConclusion = Conclusion | "skipped";

/** One check run: created in_progress, updated with progress and annotations, completed once. */
export class CheckRun {
  private checkRunId: number | undefined;
  private lastProgress = Number.NEGATIVE_INFINITY;
  private completed = false;

  constructor(
    private readonly github: GitHubClient,
    private readonly target: CheckTarget,
    private readonly options: CheckRunOptions,
  ) {}

  get id(): number | undefined {
    return this.checkRunId;
  }

  async begin(): Promise<void> {
    this.checkRunId = await this.create({
      status: "in_progress",
      started_at: this.iso(),
      output: { title: "Review in progress", summary: "Checking out the pull request…" },
    });
  }

  async progress(stages: readonly StageProgress[]): Promise<void> {
    // Never after completion: an in_progress update would reopen a finished run.
    if (this.checkRunId === undefined || this.completed) return;
    const now = this.clock();
    if (now - this.lastProgress < (this.options.progressIntervalMs ?? 3000)) return;
    this.lastProgress = now;
    await this.update({ status: "in_progress", output: this.output({ title: "Review in progress", summary: renderProgress(stages) }) });
  }

  /** Sends annotations in batches of ≤ 50 while the run is in progress; a failed batch is counted, not fatal. */
  async annotate(annotations: readonly object[], output: CheckOutput): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    if (this.checkRunId === undefined) return { sent, failed: annotations.length };
    const clean = this.output(output);
    for (let i = 0; i < annotations.length; i += LIMITS.annotationsPerRequest) {
      const batch = annotations.slice(i, i + LIMITS.annotationsPerRequest);
      try {
        await this.update({ output: { ...clean, annotations: batch } });
        sent += batch.length;
      } catch (error) {
        failed += batch.length;
        this.options.log.warn({ err: error, batch: i / LIMITS.annotationsPerRequest }, "annotation batch rejected");
      }
    }
    return { sent, failed };
  }

  /** Completes the run (creating it completed when `begin` never succeeded). */
  async complete(conclusion: FinalConclusion, output: CheckOutput): Promise<void> {
    const body = {
      status: "completed",
      conclusion,
      completed_at: this.iso(),
      output: this.output(output),
      ...(conclusion === "skipped" ? {} : { actions: [ACTIONS.rerun, ACTIONS.full] }),
    };
    if (this.checkRunId === undefined) this.checkRunId = await this.create(body);
    else await this.update(body);
    this.completed = true;
  }

  private output(output: CheckOutput): CheckOutput {
    return {
      title: oneLine(this.options.redact(output.title), LIMITS.title),
      summary: truncateMarkdown(this.options.redact(output.summary), LIMITS.checkOutputBytes),
    };
  }

  /** POST once: a retry after a 5xx first looks for the run this job created (its external id). */
  private create(body: Record<string, unknown>): Promise<number> {
    const { owner, repo, headSha, jobId } = this.target;
    return createOnce({
      what: "check run",
      log: this.options.log,
      create: async () => {
        const { data } = await this.github.request("POST /repos/{owner}/{repo}/check-runs", {
          owner,
          repo,
          name: CHECK_NAME,
          head_sha: headSha,
          external_id: jobId,
          ...body,
          ...NO_AUTO_RETRY,
        });
        return (data as { id: number }).id;
      },
      find: async () => {
        const { data } = await this.github.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
          owner,
          repo,
          ref: headSha,
          check_name: CHECK_NAME,
          filter: "all",
          per_page: 100,
        });
        return (data as { check_runs?: { id: number; external_id?: string | null }[] }).check_runs?.find((r) => r.external_id === jobId)?.id;
      },
    });
  }

  private async update(body: Record<string, unknown>): Promise<void> {
    await this.github.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
      owner: this.target.owner,
      repo: this.target.repo,
      check_run_id: this.checkRunId,
      ...body,
    });
  }

  private clock(): number {
    return (this.options.now ?? Date.now)();
  }

  private iso(): string {
    return new Date(this.clock()).toISOString();
  }
}

export function renderProgress(stages: readonly StageProgress[]): string {
  const icon = { pending: "⏳", running: "🔄", done: "✅", skipped: "⏭️", failed: "❌" } as const;
  return [
    "| stage | state | details | time |",
    "|---|---|---|---|",
    ...stages.map(
      (s) =>
        `| ${s.stage} | ${icon[s.state]} ${s.state} | ${oneLine((s.detail ?? "").replace(/\|/g, "\\|"), 200)} | ${s.durationMs !== undefined ? formatDuration(s.durationMs) : ""} |`,
    ),
  ].join("\n");
}
