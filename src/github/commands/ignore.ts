import { escapeMd, inlineCode } from "../../util/markdown.js";
import { readPullState, writePullState } from "../state/store.js";
import type { CommandContext, CommandOutcome } from "./context.js";

const MAX_IGNORED = 100;

/** `ignore <rule> [reason]`: later reviews of this PR drop the rule's findings and list it, with who and why. */
export async function ignore(ctx: CommandContext, rule: string, reason: string | undefined): Promise<CommandOutcome> {
  const { github, event } = ctx;
  const stored = await readPullState(github, event.repo, event.comment.prNumber, ctx.services.identity);
  const others = stored.state.ignored.filter((r) => r.rule !== rule);
  if (others.length >= MAX_IGNORED) return { ok: false, body: `At most ${MAX_IGNORED} rules can be ignored on one pull request; \`unignore\` some first.` };
  // The reason is posted (state comment, summaries): it passes the redactor like every posted string.
  const entry = { rule, by: event.actor, at: new Date(ctx.services.now()).toISOString(), ...(reason ? { reason: ctx.services.redact(reason) } : {}) };
  await writePullState(github, event.repo, event.comment.prNumber, stored, { ...stored.state, ignored: [...others, entry] });
  const why = entry.reason ? ` (reason: ${escapeMd(entry.reason)})` : " No reason was given; `ignore <rule> <reason>` records one.";
  return {
    ok: true,
    body: `${inlineCode(rule)} is ignored on this pull request from the next review on${why} The summary lists it. \`/elixir-agent unignore ${rule}\` reports it again.`,
  };
}

export async function unignore(ctx: CommandContext, rule: string): Promise<CommandOutcome> {
  const { github, event } = ctx;
  const stored = await readPullState(github, event.repo, event.comment.prNumber, ctx.services.identity);
  if (!stored.state.ignored.some((r) => r.rule === rule)) return { ok: false, body: `${inlineCode(rule)} is not ignored on this pull request.` };
  await writePullState(github, event.repo, event.comment.prNumber, stored, { ...stored.state, ignored: stored.state.ignored.filter((r) => r.rule !== rule) });
  return { ok: true, body: `${inlineCode(rule)} is reported again from the next review on.` };
}
