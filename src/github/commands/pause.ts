import { readPullState, writePullState } from "../state/store.js";
import type { CommandContext, CommandOutcome } from "./context.js";

/**
 * `pause` / `resume`: automatic reviews (pushes, reopen, ready for review) on this PR stop or
 * restart. Commands keep working while paused. The state lives in the app's state comment.
 */
export async function setPaused(ctx: CommandContext, paused: boolean): Promise<CommandOutcome> {
  const { github, event } = ctx;
  const stored = await readPullState(github, event.repo, event.comment.prNumber, ctx.services.identity);
  const state = stored.state;
  if (paused && state.paused) return { ok: true, body: `Automatic reviews are already paused (by ${state.paused.by}). \`/elixir-agent resume\` restarts them.` };
  if (!paused && !state.paused) return { ok: true, body: "Automatic reviews are already on for this pull request." };
  const { paused: _previous, ...rest } = state;
  const next = paused ? { ...rest, paused: { by: event.actor, at: new Date(ctx.services.now()).toISOString() } } : rest;
  await writePullState(github, event.repo, event.comment.prNumber, stored, next);
  return {
    ok: true,
    body: paused
      ? "Automatic reviews are paused on this pull request: new pushes get a skipped check run. Commands such as `/elixir-agent review` still work; `/elixir-agent resume` restarts automatic reviews."
      : "Automatic reviews are back on: the next push is reviewed. `/elixir-agent review` reviews the current head now.",
  };
}
