import { jobKey } from "../../pipeline/types.js";
import { escapeMd, inlineCode } from "../../util/markdown.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { closedReply, enqueueReview } from "./enqueue.js";
import { summarySection } from "./last-review.js";

/** The heading of the checklist section of the check run summary (`src/review/render/checklist.ts`). */
export const CHECKLIST_HEADING = "Expert checklist";

/**
 * `checklist`: the checklist evaluation for the current head, from the last completed review's
 * check run; when there is none and nothing is on its way, a full review is queued.
 */
export async function checklist(ctx: CommandContext): Promise<CommandOutcome> {
  const pull = await ctx.pull();
  const sha = inlineCode(pull.pr.headSha.slice(0, 7));
  const run = await ctx.lastReview(pull.pr.headSha);
  if (run?.status === "completed") {
    const table = summarySection(run.summary, CHECKLIST_HEADING);
    const link = run.url ? ` ([check run](${run.url}))` : "";
    if (table) return { ok: true, body: `**Expert checklist for ${sha}**${link}\n\n${table}` };
    return {
      ok: false,
      body: `The last check run on ${sha}${link} has no checklist evaluation: it ended as ${run.conclusion ?? "unknown"} — ${escapeMd(run.title)}. \`/elixir-agent review\` reviews this head now.`,
    };
  }
  const pending = ctx.services.intake.queue.snapshot(jobKey({ repo: ctx.event.repo, pr: pull.pr })).some((s) => s.request.pr.headSha === pull.pr.headSha);
  if (run || pending) return { ok: true, body: `A review of ${sha} is in progress; its check run will show the checklist. Ask again when it completes.` };
  const closed = closedReply(pull);
  if (closed) return closed;
  const queued = enqueueReview(ctx, pull, "full");
  return queued.ok ? { ok: true, body: `No review of ${sha} exists yet. ${queued.body} The checklist will be in its summary.` } : queued;
}
