import type { ApplicationFunction, Probot } from "probot";
import { onCheckRun, onCheckSuite } from "./github/handlers/checks.js";
import { COMMENT_EVENTS, onIssueComment, onReviewComment, REVIEW_COMMENT_EVENTS } from "./github/handlers/comments.js";
import { createCommandRunner, type CommandOptions, type CommandRunner } from "./github/commands/index.js";
import type { Intake } from "./github/handlers/intake.js";
import { onPullRequest, PULL_REQUEST_EVENTS } from "./github/handlers/pull-request.js";
import { onPush } from "./github/handlers/push.js";
import { publishingClient } from "./github/client.js";
import { GitHubPublisher } from "./github/github-publisher.js";
import { WriteLimiters, type WriteLimiterOptions } from "./github/limiter.js";
import { runGitHubJob, type GitHubJobOptions } from "./github/job.js";
import type { AppIdentity } from "./github/identity.js";
import type { GitHubClient } from "./github/octokit.js";
import type { Logger } from "./logger.js";
import type { Stages } from "./pipeline/stages.js";
import type { JobRequest } from "./pipeline/types.js";
import { InProcessQueue } from "./queue/memory.js";
import type { DroppedHandler, JobQueue, Worker } from "./queue/types.js";
import { configuredSecrets, loadSettings, type Settings } from "./settings.js";
import { redact as redactText } from "./agent/redact.js";

export interface AppOptions {
  settings?: Settings;
  /** Our GitHub App id: events about other apps' check runs are ignored. */
  appId?: number;
  /** Our app's slug: its bot user `<slug>[bot]` is ignored as a sender. */
  appSlug?: string;
  /** Replace the in-process queue with another backend (same interface). */
  queue?: (worker: Worker, onDropped: DroppedHandler) => JobQueue;
  stages?: Partial<Stages>;
  publisher?: GitHubJobOptions["publisher"];
  secrets?: readonly string[];
  /** `/elixir-agent` commands: the Claude backend for `ask`, the analyzer's rules for `explain`, a clock. */
  commands?: CommandOptions;
  /** Spacing and rate-limit handling of writes per installation (tests pass `minIntervalMs: 0`). */
  limiter?: WriteLimiterOptions;
}

export interface ElixirAgentApp {
  appFn: ApplicationFunction;
  /** Available once `appFn` ran (Probot loaded the app). */
  readonly queue: JobQueue | undefined;
  /** Runs `/elixir-agent` commands off the webhook path; available once `appFn` ran. */
  readonly commands: CommandRunner | undefined;
  /** SIGTERM: stop intake; running jobs complete their check runs as interrupted. */
  shutdown(): Promise<void>;
}

/** Builds the Probot application: handlers only enqueue; the queue's worker runs the pipeline. */
export function createApp(options: AppOptions = {}): ElixirAgentApp {
  const settings = options.settings ?? loadSettings();
  const secrets = options.secrets ?? configuredSecrets();
  const redact = (text: string) => redactText(text, secrets);
  const identity: AppIdentity = { appId: options.appId, appSlug: options.appSlug };
  let queue: JobQueue | undefined;
  let commands: CommandRunner | undefined;
  let accepting = true;

  const appFn: ApplicationFunction = (app: Probot) => {
    const log = app.log as unknown as Logger;
    const limiters = new WriteLimiters({ log, ...options.limiter });
    const jobOptions: GitHubJobOptions = {
      app,
      settings,
      secrets,
      redact,
      log,
      identity,
      limiters,
      ...(options.stages ? { stages: options.stages } : {}),
      ...(options.publisher ? { publisher: options.publisher } : {}),
    };
    const worker: Worker = (request, signal) => runGitHubJob(jobOptions, request, signal);
    const onDropped: DroppedHandler = (request) => reportDropped(app, request, redact, limiters, log);
    queue = options.queue?.(worker, onDropped) ?? new InProcessQueue({ concurrency: settings.concurrency, worker, onDropped, log });

    const intake: Intake = {
      queue,
      appId: options.appId,
      appSlug: options.appSlug,
      accepting: () => accepting,
      log,
    };
    app.on([...PULL_REQUEST_EVENTS], onPullRequest(intake));
    app.on(["check_run.rerequested", "check_run.requested_action"], onCheckRun(intake));
    app.on("check_suite.rerequested", onCheckSuite(intake));
    app.on("push", onPush(intake));

    commands = createCommandRunner({ app, intake, identity, settings, secrets, redact, limiters, log, ...options.commands });
    app.on([...COMMENT_EVENTS], onIssueComment(intake, commands));
    app.on([...REVIEW_COMMENT_EVENTS], onReviewComment(intake, commands));
  };

  return {
    appFn,
    get queue() {
      return queue;
    },
    get commands() {
      return commands;
    },
    async shutdown() {
      accepting = false;
      await commands?.shutdown();
      await queue?.shutdown();
    },
  };
}

/** A queued job that never started because the service stopped: say so on the commit. */
async function reportDropped(app: Probot, request: JobRequest, redact: (s: string) => string, limiters: WriteLimiters, log: Logger): Promise<void> {
  // A cache warm-up has no check run to complete; the next push warms again.
  if (request.installationId === undefined || request.mode === "warm") return;
  try {
    const octokit = (await app.auth(request.installationId)) as unknown as GitHubClient;
    const github = publishingClient(octokit, limiters.for(request.installationId), redact);
    const publisher = new GitHubPublisher(
      github,
      { owner: request.repo.owner, repo: request.repo.name, headSha: request.pr.headSha, jobId: request.id },
      { redact, log },
    );
    await publisher.abort({
      conclusion: "neutral",
      title: "Review interrupted — the service restarted",
      summary: "This commit was queued for review when the service shut down. Re-run the check (or comment `/elixir-agent review`) to review it.",
    });
  } catch (error) {
    log.error({ err: error }, "could not report a dropped job");
  }
}
