import type { Logger } from "../../logger.js";
import type { PipelineDeps } from "../../pipeline/run.js";
import type { IgnoredRule, JobRequest } from "../../pipeline/types.js";
import { iterateComments, type RepoRef } from "../commands/comment.js";
import { isOwnComment, type AppIdentity } from "../identity.js";
import type { GitHubClient } from "../octokit.js";
import { decodeState, emptyState, renderState, type PullState } from "./codec.js";

export interface StoredState {
  state: PullState;
  /** The comment holding it; absent until the first change. */
  commentId?: number;
  /** Set when a state comment exists but could not be read (it is rewritten on the next change). */
  problem?: string;
}

/**
 * Reads the PR's state from the first comment OUR app wrote with the state header. Anyone can
 * paste the marker into a comment, so only the app's own comments count.
 */
export async function readPullState(github: GitHubClient, repo: RepoRef, prNumber: number, identity: AppIdentity): Promise<StoredState> {
  for await (const comment of iterateComments(github, repo, "issue", prNumber, { maxPages: 30 })) {
    if (!isOwnComment(identity, comment)) continue;
    const decoded = decodeState(comment.body ?? "");
    if (!decoded) continue;
    if (!decoded.ok) return { state: emptyState(), commentId: comment.id, problem: decoded.problem };
    return { state: decoded.state, commentId: comment.id };
  }
  return { state: emptyState() };
}

/** Writes the state: edits the existing state comment or creates it. */
export async function writePullState(github: GitHubClient, repo: RepoRef, prNumber: number, stored: StoredState, state: PullState): Promise<number> {
  const body = renderState(state);
  if (stored.commentId !== undefined) {
    await github.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { owner: repo.owner, repo: repo.name, comment_id: stored.commentId, body });
    return stored.commentId;
  }
  const { data } = await github.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { owner: repo.owner, repo: repo.name, issue_number: prNumber, body });
  return (data as { id: number }).id;
}

/** The pipeline's view: whether automatic reviews are paused, and the rules to drop from findings. */
export interface PullControls {
  paused?: { by: string; at: string };
  ignoredRules: IgnoredRule[];
}

export async function readPullControls(github: GitHubClient, repo: RepoRef, prNumber: number, identity: AppIdentity, log: Logger): Promise<PullControls> {
  const stored = await readPullState(github, repo, prNumber, identity);
  if (stored.problem) log.warn({ problem: stored.problem, comment: stored.commentId }, "pull request state unreadable: treated as empty");
  return {
    ...(stored.state.paused ? { paused: stored.state.paused } : {}),
    ignoredRules: stored.state.ignored.map((r) => ({ rule: r.rule, by: r.by, ...(r.reason !== undefined ? { reason: r.reason } : {}) })),
  };
}

/**
 * The pipeline's hooks for pause and ignored rules (`PipelineDeps.loadPause` / `loadIgnoredRules`),
 * reading the PR's state comment once per job.
 */
export function pullControlHooks(
  github: GitHubClient,
  request: JobRequest,
  identity: AppIdentity,
  log: Logger,
): Required<Pick<PipelineDeps, "loadPause" | "loadIgnoredRules">> {
  let loaded: Promise<PullControls> | undefined;
  const number = request.pr.number;
  const controls = () =>
    (loaded ??=
      number === undefined
        ? Promise.resolve<PullControls>({ ignoredRules: [] })
        : readPullControls(github, { owner: request.repo.owner, name: request.repo.name }, number, identity, log));
  return {
    loadPause: async () => (await controls()).paused,
    loadIgnoredRules: async () => (await controls()).ignoredRules,
  };
}
