import { createHash } from "node:crypto";
import type { AppIdentity } from "../identity.js";
import { mayBeOwnComment } from "../identity.js";
import type { GitHubClient } from "../octokit.js";
import { iterateComments, type CommentRef, type RepoRef } from "./comment.js";

/**
 * Every reply ends with a hidden marker naming the comment and the command it answers: a
 * redelivered webhook (or a restart between the reply and the reaction) finds it and answers no
 * second time.
 */
export function replyMarker(commentId: number, canonicalCommand: string): string {
  return `<!-- elixir-agent:reply comment=${commentId} command=${commandHash(canonicalCommand)} -->`;
}

export function commandHash(canonicalCommand: string): string {
  return createHash("sha256").update(canonicalCommand).digest("hex").slice(0, 16);
}

/** Whether our app already answered this command on this comment. */
export async function alreadyAnswered(
  github: GitHubClient,
  repo: RepoRef,
  comment: CommentRef,
  canonicalCommand: string,
  identity: AppIdentity,
): Promise<boolean> {
  const marker = replyMarker(comment.id, canonicalCommand);
  for await (const c of iterateComments(github, repo, comment.kind, comment.prNumber, { since: comment.createdAt })) {
    if ((c.body ?? "").includes(marker) && mayBeOwnComment(identity, c)) return true;
  }
  return false;
}
