import type { Context } from "probot";
import type { CommandRunner } from "../commands/runner.js";
import type { CommentRef } from "../commands/comment.js";
import { canonical, interpret, type Command } from "../commands/grammar.js";
import { findCommand } from "../commands/parse.js";
import { PREFIX } from "../commands/spec.js";
import { isBot } from "../identity.js";
import { repoOf } from "./request.js";
import type { Intake } from "./intake.js";

export const COMMENT_EVENTS = ["issue_comment.created", "issue_comment.edited"] as const;
export const REVIEW_COMMENT_EVENTS = ["pull_request_review_comment.created", "pull_request_review_comment.edited"] as const;

type IssueCommentContext = Context<(typeof COMMENT_EVENTS)[number]>;
type ReviewCommentContext = Context<(typeof REVIEW_COMMENT_EVENTS)[number]>;

/** What both comment events share, read from the payload without any API call. */
interface CommentFacts {
  body: string;
  previousBody: string | undefined;
  edited: boolean;
  author: { login: string; type?: string } | null;
  viaApp: unknown;
  sender: { login: string; type?: string };
}

/**
 * `issue_comment` on a pull request (not on an issue) → a command for the runner. Parsing is
 * local; everything that talks to GitHub happens in the runner, so the webhook returns at once.
 * The actor is the sender: for an edit, the person who edited the command in.
 */
export function onIssueComment(intake: Intake, runner: CommandRunner) {
  return async (context: IssueCommentContext): Promise<void> => {
    const { payload } = context;
    if (!payload.issue.pull_request) return;
    const command = commandOf(facts(payload.comment, payload.sender, previousBody(payload)));
    if (!command) return;
    dispatch(intake, runner, context, command, payload.sender.login, {
      kind: "issue",
      id: payload.comment.id,
      prNumber: payload.issue.number,
      createdAt: payload.comment.created_at,
    });
  };
}

/** A command in a review-comment thread; the reply goes into the same thread. */
export function onReviewComment(intake: Intake, runner: CommandRunner) {
  return async (context: ReviewCommentContext): Promise<void> => {
    const { payload } = context;
    const comment = payload.comment;
    const command = commandOf(facts(comment, payload.sender, previousBody(payload)));
    if (!command) return;
    dispatch(
      intake,
      runner,
      context,
      command,
      payload.sender.login,
      {
        kind: "review",
        id: comment.id,
        prNumber: payload.pull_request.number,
        createdAt: comment.created_at,
        ...(comment.in_reply_to_id !== undefined ? { inReplyTo: comment.in_reply_to_id } : {}),
      },
      { path: comment.path, ...(comment.line ? { line: comment.line } : {}), ...(comment.diff_hunk ? { diffHunk: comment.diff_hunk } : {}) },
    );
  };
}

function facts(
  comment: { body: string; user: { login: string; type?: string } | null; performed_via_github_app?: unknown },
  sender: { login: string; type?: string },
  previous: { edited: boolean; body?: string },
): CommentFacts {
  return {
    body: comment.body,
    previousBody: previous.body,
    edited: previous.edited,
    author: comment.user,
    viaApp: comment.performed_via_github_app,
    sender,
  };
}

/** For `edited`: the body before the edit (absent when the edit did not touch the body). */
function previousBody(payload: { action: string; changes?: { body?: { from: string } } }): { edited: boolean; body?: string } {
  if (payload.action !== "edited") return { edited: false };
  const from = payload.changes?.body?.from;
  return from === undefined ? { edited: true } : { edited: true, body: from };
}

interface Found {
  command: Command;
  canonical: string;
  line: string;
}

/**
 * The command to run, or nothing: bots (this app included) are ignored, and an edit runs only
 * when it changed the command.
 */
function commandOf(f: CommentFacts): Found | undefined {
  if (isBot(f.author, f.viaApp) || isBot(f.sender)) return undefined;
  const line = findCommand(f.body);
  if (!line) return undefined;
  const command = interpret(line);
  const text = canonical(command);
  if (f.edited) {
    const before = f.previousBody === undefined ? undefined : findCommand(f.previousBody);
    if (f.previousBody === undefined || (before && canonical(interpret(before)) === text)) return undefined;
  }
  return { command, canonical: text, line: `${PREFIX} ${line.word}${line.args ? ` ${line.args}` : ""}` };
}

function dispatch(
  intake: Intake,
  runner: CommandRunner,
  context: IssueCommentContext | ReviewCommentContext,
  found: Found,
  actor: string,
  comment: CommentRef,
  thread?: { path: string; line?: number; diffHunk?: string },
): void {
  const { payload } = context;
  if (!payload.installation) {
    context.log.warn("comment event without installation: command ignored");
    return;
  }
  if (!intake.accepting()) {
    context.log.warn("shutting down: command not accepted");
    return;
  }
  const accepted = runner.submit({
    deliveryId: context.id,
    installationId: payload.installation.id,
    repo: repoOf(payload.repository),
    comment,
    actor,
    command: found.command,
    canonical: found.canonical,
    line: found.line,
    ...(thread ? { thread } : {}),
  });
  context.log.info({ command: found.command.name, comment: comment.id, accepted }, "command received");
}
