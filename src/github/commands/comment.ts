import type { GitHubClient } from "../octokit.js";
import { iterateList } from "../pages.js";

/** The comment a command came from: a PR conversation comment or a review-comment thread. */
export interface CommentRef {
  kind: "issue" | "review";
  id: number;
  prNumber: number;
  createdAt: string;
  /** Review comments: the thread's first comment, when this one is a reply. */
  inReplyTo?: number;
}

export interface RepoRef {
  owner: string;
  name: string;
}

export type Reaction = "eyes" | "rocket" | "confused";

export async function react(github: GitHubClient, repo: RepoRef, comment: CommentRef, content: Reaction): Promise<void> {
  const route =
    comment.kind === "issue"
      ? "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
      : "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions";
  await github.request(route, { owner: repo.owner, repo: repo.name, comment_id: comment.id, content });
}

/** Posts in the same place: the PR conversation, or the review thread (replies go to its first comment). */
export async function postReply(github: GitHubClient, repo: RepoRef, comment: CommentRef, body: string): Promise<void> {
  if (comment.kind === "issue") {
    await github.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      owner: repo.owner,
      repo: repo.name,
      issue_number: comment.prNumber,
      body,
    });
    return;
  }
  await github.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies", {
    owner: repo.owner,
    repo: repo.name,
    pull_number: comment.prNumber,
    comment_id: comment.inReplyTo ?? comment.id,
    body,
  });
}

export interface ListedComment {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
  performed_via_github_app?: { id?: number | null } | null;
  in_reply_to_id?: number;
  path?: string;
  line?: number | null;
  html_url?: string;
}

/**
 * Comments of one kind on the PR, oldest first, optionally only those updated since `since`. Pages
 * are fetched as the caller reads: one that stops at the comment it looks for fetches no more.
 */
export function iterateComments(
  github: GitHubClient,
  repo: RepoRef,
  kind: CommentRef["kind"],
  prNumber: number,
  options: { since?: string; maxPages?: number } = {},
): AsyncGenerator<ListedComment> {
  const route = kind === "issue" ? "GET /repos/{owner}/{repo}/issues/{issue_number}/comments" : "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments";
  const params = {
    owner: repo.owner,
    repo: repo.name,
    ...(kind === "issue" ? { issue_number: prNumber } : { pull_number: prNumber }),
    ...(options.since !== undefined ? { since: options.since } : {}),
  };
  return iterateList<ListedComment>(github, route, params, options.maxPages ?? 10);
}
