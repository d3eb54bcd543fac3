import type { DiffFile } from "../../../workspace/types.js";
import { parseUnifiedDiff } from "../../../workspace/diff.js";
import { inlineCode, safeMarkdown } from "../../../util/markdown.js";
import { statusOf, type GitHubClient } from "../../octokit.js";
import type { RepoRef } from "../comment.js";
import type { CommandContext, CommandOutcome } from "../context.js";

const ASK_TIMEOUT_MS = 150_000;

/**
 * `ask <question>`: Claude answers from the PR's diff (through the API, no clone), the last
 * review's summary and, in a review thread, the thread's file and hunk.
 */
export async function ask(ctx: CommandContext, question: string): Promise<CommandOutcome> {
  const { services, event } = ctx;
  const base = { question, config: ctx.config.agent, settings: services.settings, secrets: services.secrets, log: ctx.log };
  if (!ctx.config.agent.enabled || !services.settings.anthropicApiKey) {
    // The agent layer says why in its own words, without any call: no need to fetch the diff first.
    const unavailable = await services.ask(base);
    if (!unavailable.ok) return { ok: false, body: `I can't answer questions right now: ${unavailable.reason}.` };
  }
  const pull = await ctx.pull();
  const review = await ctx.lastReview(pull.pr.headSha);
  const diff = await fetchDiff(ctx.github, event.repo, pull.pr.number);
  const context: string[] = [];
  if (review) context.push(`Last review of ${pull.pr.headSha.slice(0, 12)} (${review.conclusion ?? review.status}): ${review.title}\n\n${review.summary}`);
  else context.push(`No review of ${pull.pr.headSha.slice(0, 12)} has completed yet.`);
  if (event.thread) context.push(`The question was asked in a review thread on ${event.thread.path}${event.thread.line ? `:${event.thread.line}` : ""}:\n${event.thread.diffHunk ?? ""}`);

  const result = await services.ask({
    ...base,
    pr: { title: pull.pr.title ?? "", body: pull.pr.body ?? "" },
    ...(diff.files ? { diff: diff.files } : {}),
    context: context.join("\n\n"),
    signal: AbortSignal.timeout(ASK_TIMEOUT_MS),
  });
  if (!result.ok) return { ok: false, body: `I can't answer questions right now: ${result.reason}.` };
  const notes = [`<sub>Answered by ${inlineCode(result.model)} from the diff of ${inlineCode(pull.pr.headSha.slice(0, 7))}`];
  notes.push(review ? " and the last review" : "");
  if (diff.problem) notes.push(` — ${diff.problem}`);
  notes.push(". It can be wrong: check before you act on it.</sub>");
  return { ok: true, body: `${safeMarkdown(result.answer)}\n\n${notes.join("")}` };
}

async function fetchDiff(github: GitHubClient, repo: RepoRef, number: number): Promise<{ files?: DiffFile[]; problem?: string }> {
  try {
    const { data } = await github.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      owner: repo.owner,
      repo: repo.name,
      pull_number: number,
      headers: { accept: "application/vnd.github.diff" },
    });
    return { files: parseUnifiedDiff(String(data)) };
  } catch (error) {
    // GitHub refuses diffs that are too large (406): answer from the rest and say so.
    const status = statusOf(error);
    if (status === 406 || status === 422) return { problem: "the diff is too large for GitHub to return, so the answer does not see it" };
    throw error;
  }
}
