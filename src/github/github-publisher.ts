import type { Logger } from "../logger.js";
import type { ReviewReport, StageProgress } from "../pipeline/types.js";
import { renderSummary, type PublicationInfo } from "../review/render/markdown.js";
import { toAnnotations } from "./annotations.js";
import { CheckRun, type CheckTarget } from "./check-run.js";
import type { GitHubClient } from "./octokit.js";
import type { AbortOutcome, PublishContext, Publisher } from "./publisher.js";
import { publishReview, type ReviewOutcome } from "./review/index.js";
import type { Identity } from "./review/state.js";

export interface GitHubPublisherOptions {
  /** Every string that leaves for GitHub passes here. */
  redact: (text: string) => string;
  log: Logger;
  /** The PR, when known: without it only the check run is published. */
  pullNumber?: number;
  identity?: Identity;
  progressIntervalMs?: number;
  now?: () => number;
}

/**
 * Publishes a review to GitHub: the check run (in progress → progress → annotations → completed)
 * and the PR review. A failing review never changes the gate's verdict: it is reported in the
 * summary, and the check run is completed regardless.
 */
export class GitHubPublisher implements Publisher {
  private readonly checkRun: CheckRun;

  constructor(
    private readonly github: GitHubClient,
    private readonly target: CheckTarget,
    private readonly options: GitHubPublisherOptions,
  ) {
    this.checkRun = new CheckRun(github, target, {
      redact: options.redact,
      log: options.log,
      ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  begin(): Promise<void> {
    return this.checkRun.begin();
  }

  progress(stages: readonly StageProgress[]): Promise<void> {
    return this.checkRun.progress(stages);
  }

  async complete(report: ReviewReport, context: PublishContext = { diff: [] }): Promise<void> {
    const all = toAnnotations(report.findings, { redact: this.options.redact, agentGates: report.config.gate.agent !== "off" });
    const located = report.findings.filter((f) => f.path !== undefined && f.line !== undefined && f.line > 0).length;
    const annotations = await this.checkRun.annotate(all, {
      title: "Review in progress — publishing",
      summary: `Publishing ${report.findings.length} finding(s)…`,
    });
    const outcome = await this.review(report, context);
    const publication: PublicationInfo = {
      placement: outcome.dispositions,
      fixed: outcome.fixed,
      withdrawn: outcome.withdrawn,
      annotations: { ...annotations, omitted: located - all.length },
      errors: [...outcome.errors, ...(annotations.failed > 0 ? [`GitHub rejected ${annotations.failed} annotation(s)`] : [])],
      ...(outcome.posted ? { review: { event: outcome.posted.event, comments: outcome.posted.comments } } : {}),
      ...(outcome.note ? { note: outcome.note } : {}),
    };
    await this.checkRun.complete(report.gate.conclusion, { title: report.gate.title, summary: renderSummary(report, { publication }) });
  }

  async abort(outcome: AbortOutcome): Promise<void> {
    await this.checkRun.complete(outcome.conclusion, { title: outcome.title, summary: outcome.summary });
  }

  private async review(report: ReviewReport, context: PublishContext): Promise<ReviewOutcome> {
    const number = this.options.pullNumber;
    if (number === undefined) return { dispositions: new Map(), fixed: 0, withdrawn: 0, errors: [], note: "no pull request to review" };
    try {
      return await publishReview(
        {
          github: this.github,
          pull: { owner: this.target.owner, repo: this.target.repo, number },
          headSha: this.target.headSha,
          jobId: this.target.jobId,
          identity: this.options.identity ?? {},
          redact: this.options.redact,
          log: this.options.log,
        },
        report,
        context.diff,
      );
    } catch (error) {
      this.options.log.error({ err: error }, "could not post the review");
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 300);
      return { dispositions: new Map(), fixed: 0, withdrawn: 0, errors: [`The inline review could not be posted (${message}); every finding is listed below.`] };
    }
  }
}

