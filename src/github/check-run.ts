import type { Logger } from "../logger.js";
import type { ReviewReport, StageProgress } from "../pipeline/types.js";
import type { Finding } from "../review/finding.js";
import { renderSummary } from "../review/render/markdown.js";
import { formatDuration } from "../util/markdown.js";
import { ACTIONS } from "./handlers/checks.js";
import type { GitHubClient } from "./octokit.js";
import type { AbortOutcome, Publisher } from "./publisher.js";

/** The check run's name is a constant, so it can be made a required status check. */
export const CHECK_NAME = "elixir-agent";

export const LIMITS = {
  summary: 65_535,
  title: 255,
  annotationsPerRequest: 50,
  annotationMessage: 64 * 1024,
} as const;

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

/** The check run lifecycle: in_progress → progress updates → completed (always). */
export class CheckRunPublisher implements Publisher {
  private checkRunId: number | undefined;
  private lastProgress = 0;

  constructor(
    private readonly github: GitHubClient,
    private readonly target: CheckTarget,
    private readonly options: CheckRunOptions,
  ) {}

  get id(): number | undefined {
    return this.checkRunId;
  }

  async begin(): Promise<void> {
    const { data } = await this.github.request("POST /repos/{owner}/{repo}/check-runs", {
      owner: this.target.owner,
      repo: this.target.repo,
      name: CHECK_NAME,
      head_sha: this.target.headSha,
      external_id: this.target.jobId,
      status: "in_progress",
      started_at: this.iso(),
      output: { title: "Review in progress", summary: "Checking out the pull request…" },
    });
    this.checkRunId = (data as { id: number }).id;
  }

  async progress(stages: readonly StageProgress[]): Promise<void> {
    if (this.checkRunId === undefined) return;
    const now = this.clock();
    if (now - this.lastProgress < (this.options.progressIntervalMs ?? 3000)) return;
    this.lastProgress = now;
    await this.update({ status: "in_progress", output: { title: "Review in progress", summary: this.clean(renderProgress(stages)) } });
  }

  async complete(report: ReviewReport): Promise<void> {
    const annotations = report.findings.filter(hasLocation).map((f) => this.annotation(f));
    const title = this.clean(report.gate.title).slice(0, LIMITS.title);
    const summary = truncate(this.clean(renderSummary(report)), LIMITS.summary);
    const first = annotations.slice(0, LIMITS.annotationsPerRequest);
    await this.finish(report.gate.conclusion, { title, summary, annotations: first }, true);
    for (let i = LIMITS.annotationsPerRequest; i < annotations.length; i += LIMITS.annotationsPerRequest) {
      await this.update({ output: { title, summary, annotations: annotations.slice(i, i + LIMITS.annotationsPerRequest) } });
    }
  }

  async abort(outcome: AbortOutcome): Promise<void> {
    await this.finish(outcome.conclusion, {
      title: this.clean(outcome.title).slice(0, LIMITS.title),
      summary: truncate(this.clean(outcome.summary), LIMITS.summary),
    }, outcome.conclusion !== "skipped");
  }

  private async finish(conclusion: string, output: Record<string, unknown>, withActions: boolean): Promise<void> {
    const body = {
      status: "completed",
      conclusion,
      completed_at: this.iso(),
      output,
      ...(withActions ? { actions: [ACTIONS.rerun, ACTIONS.full] } : {}),
    };
    if (this.checkRunId === undefined) {
      // begin() never succeeded: create the run completed, so the PR still gets an honest answer.
      const { data } = await this.github.request("POST /repos/{owner}/{repo}/check-runs", {
        owner: this.target.owner,
        repo: this.target.repo,
        name: CHECK_NAME,
        head_sha: this.target.headSha,
        external_id: this.target.jobId,
        ...body,
      });
      this.checkRunId = (data as { id: number }).id;
      return;
    }
    await this.update(body);
  }

  private async update(body: Record<string, unknown>): Promise<void> {
    await this.github.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
      owner: this.target.owner,
      repo: this.target.repo,
      check_run_id: this.checkRunId,
      ...body,
    });
  }

  private annotation(f: Finding & { path: string; line: number }) {
    const level = f.severity === "blocker" || f.severity === "major" ? "failure" : f.severity === "minor" ? "warning" : "notice";
    return {
      path: f.path,
      start_line: f.line,
      end_line: f.endLine && f.endLine >= f.line ? f.endLine : f.line,
      annotation_level: level,
      title: this.clean(`[${f.source}] ${f.title}`).slice(0, LIMITS.title),
      message: truncate(this.clean(f.message || f.title), LIMITS.annotationMessage),
      ...(f.evidence ? { raw_details: truncate(this.clean(f.evidence), LIMITS.annotationMessage) } : {}),
    };
  }

  private clean(text: string): string {
    return this.options.redact(text);
  }

  private clock(): number {
    return (this.options.now ?? Date.now)();
  }

  private iso(): string {
    return new Date(this.clock()).toISOString();
  }
}

function hasLocation(f: Finding): f is Finding & { path: string; line: number } {
  return f.path !== undefined && f.line !== undefined && f.line > 0;
}

/** Cuts text to `max` characters, saying so at the end — never rejected by GitHub. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 100;
  const note = `\n\n… truncated: ${text.length - keep} more characters not shown.`;
  return text.slice(0, keep) + note;
}

export function renderProgress(stages: readonly StageProgress[]): string {
  const icon = { pending: "⏳", running: "🔄", done: "✅", skipped: "⏭️", failed: "❌" } as const;
  return [
    "| stage | state | details | time |",
    "|---|---|---|---|",
    ...stages.map((s) => `| ${s.stage} | ${icon[s.state]} ${s.state} | ${(s.detail ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ").slice(0, 200)} | ${s.durationMs !== undefined ? formatDuration(s.durationMs) : ""} |`),
  ].join("\n");
}
