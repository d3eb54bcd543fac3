import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Probot } from "probot";
import { loadRepoConfig } from "../config/load.js";
import type { Logger } from "../logger.js";
import { runReview, type PipelineDeps } from "../pipeline/run.js";
import type { Stages } from "../pipeline/stages.js";
import type { JobRequest } from "../pipeline/types.js";
import { openSandbox } from "../pipeline/sandbox.js";
import type { Settings } from "../settings.js";
import { checkout, type CheckoutOptions } from "../workspace/checkout.js";
import type { Workspace } from "../workspace/types.js";
import { publishingClient } from "./client.js";
import { GitHubPublisher } from "./github-publisher.js";
import type { WriteLimiters } from "./limiter.js";
import type { AppIdentity } from "./identity.js";
import type { GitHubClient } from "./octokit.js";
import type { Publisher } from "./publisher.js";
import { resolvePull, PullNotFound } from "./resolve-pull.js";
import { pullControlHooks } from "./state/store.js";
import { warmCache } from "../pipeline/warm.js";

export interface GitHubJobOptions {
  app: Probot;
  settings: Settings;
  secrets: readonly string[];
  redact: (text: string) => string;
  log: Logger;
  /** Writes per installation go through one limiter. */
  limiters: WriteLimiters;
  stages?: Partial<Stages>;
  /** Wraps the publisher (the dry run prints instead of posting). */
  publisher?: (github: GitHubClient, request: JobRequest) => Publisher;
  /** Who the app is: only its own comments (the state comment, earlier reviews) are trusted. */
  identity: AppIdentity;
}

/** Probot's installation client: Octokit with `auth` for a fresh installation token. */
type InstallationOctokit = Awaited<ReturnType<Probot["auth"]>>;

/** The queue's worker for GitHub: authenticate, resolve the PR, run the pipeline. */
export async function runGitHubJob(options: GitHubJobOptions, queued: JobRequest, signal: AbortSignal): Promise<void> {
  const log = options.log.child({ job: queued.id, repo: `${queued.repo.owner}/${queued.repo.name}`, pr: queued.pr.number, headSha: queued.pr.headSha });
  if (queued.installationId === undefined) {
    log.warn("event without installation: nothing to do");
    return;
  }
  const octokit = await options.app.auth(queued.installationId);
  if (queued.mode === "warm") {
    await runWarmJob(options, queued, octokit, log, signal);
    return;
  }
  const github = publishingClient(octokit as unknown as GitHubClient, options.limiters.for(queued.installationId), options.redact);
  let request: JobRequest;
  try {
    request = await resolvePull(github, queued);
  } catch (error) {
    if (error instanceof PullNotFound) {
      log.info({ reason: error.message }, "no pull request to review");
      return;
    }
    throw error;
  }
  const publisher =
    options.publisher?.(github, request) ??
    new GitHubPublisher(
      github,
      { owner: request.repo.owner, repo: request.repo.name, headSha: request.pr.headSha, jobId: request.id },
      {
        redact: options.redact,
        log,
        ...(request.pr.number !== undefined ? { pullNumber: request.pr.number } : {}),
        identity: options.identity.appSlug !== undefined ? { appSlug: options.identity.appSlug } : {},
      },
    );

  await inJobDir(options.settings, "job-", (jobDir) => {
    const deps: PipelineDeps = {
      publisher,
      settings: options.settings,
      secrets: options.secrets,
      log,
      loadConfig: () => loadRepoConfig(octokit, request.repo),
      prepareWorkspace: (jobSignal) =>
        checkoutAs(octokit, request, jobDir, jobSignal, {
          ...(request.pr.number !== undefined ? { headRef: `refs/pull/${request.pr.number}/head` } : {}),
          baseRef: request.pr.baseRef ?? request.repo.defaultBranch,
          ...(request.pr.baseSha ? { baseSha: request.pr.baseSha } : {}),
        }),
      ...pullControlHooks(github, request, options.identity, log),
      openSandbox: sandboxOpener(options.settings, jobDir, log),
      ...(options.stages ? { stages: options.stages } : {}),
    };
    return runReview(request, deps, signal);
  });
}

/** A push to the default branch: refresh the repository's toolchain cache; nothing is posted. */
async function runWarmJob(options: GitHubJobOptions, request: JobRequest, octokit: InstallationOctokit, log: Logger, signal: AbortSignal): Promise<void> {
  await inJobDir(options.settings, "warm-", (jobDir) =>
    warmCache(
      request,
      {
        settings: options.settings,
        log,
        loadConfig: () => loadRepoConfig(octokit, request.repo),
        prepareWorkspace: (jobSignal) =>
          checkoutAs(octokit, request, jobDir, jobSignal, {
            headRef: request.pr.headRef ?? `refs/heads/${request.repo.defaultBranch}`,
            baseRef: request.repo.defaultBranch,
          }),
        openSandbox: sandboxOpener(options.settings, jobDir, log),
        ...(options.stages?.toolchain ? { stages: { toolchain: options.stages.toolchain } } : {}),
      },
      signal,
    ),
  );
}

/**
 * Runs a job in a fresh directory under the work dir and removes it afterwards. The workspace's
 * dispose removes it too, but a job that ends before its checkout (paused, draft, invalid config)
 * or whose checkout failed never gets a workspace.
 */
async function inJobDir<T>(settings: Settings, prefix: string, run: (jobDir: string) => Promise<T>): Promise<T> {
  await mkdir(settings.workDir, { recursive: true });
  const jobDir = await mkdtemp(join(settings.workDir, prefix));
  try {
    return await run(jobDir);
  } finally {
    await rm(jobDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function sandboxOpener(settings: Settings, jobDir: string, log: Logger): PipelineDeps["openSandbox"] {
  return (sandboxRequest) => openSandbox({ ...sandboxRequest, settings, jobDir, mode: "app", log });
}

/** Clones the request's head with a fresh installation token (passed to each git command, never stored). */
async function checkoutAs(
  octokit: InstallationOctokit,
  request: JobRequest,
  jobDir: string,
  signal: AbortSignal,
  refs: Pick<CheckoutOptions, "headRef" | "baseRef" | "baseSha">,
): Promise<Workspace> {
  const { token } = (await octokit.auth({ type: "installation" })) as { token: string };
  return checkout({ cloneUrl: request.repo.cloneUrl, token, headSha: request.pr.headSha, jobDir, signal, ...refs });
}
