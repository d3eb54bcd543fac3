import type { GitHubClient } from "../octokit.js";

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
}

/** Comments of the same kind on the PR, oldest first, optionally only those updated since `since`. */
export async function listComments(
  github: GitHubClient,
  repo: RepoRef,
  kind: CommentRef["kind"],
  prNumber: number,
  since?: string,
  maxPages = 10,
): Promise<ListedComment[]> {
  const route = kind === "issue" ? "GET /repos/{owner}/{repo}/issues/{issue_number}/comments" : "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments";
  const all: ListedComment[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const { data } = await github.request(route, {
      owner: repo.owner,
      repo: repo.name,
      ...(kind === "issue" ? { issue_number: prNumber } : { pull_number: prNumber }),
      ...(since !== undefined ? { since } : {}),
      per_page: 100,
      page,
    });
    const batch = data as ListedComment[];
    all.push(...batch);
    if (batch.length < 100) break;
  }
  return all;
}
