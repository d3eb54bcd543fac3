import type { CommandContext, CommandOutcome } from "./context.js";
import { closedReply, enqueueReview } from "./enqueue.js";

/** `review`: a full new review of the current head (toolchain, analyzer, agent). */
export async function review(ctx: CommandContext): Promise<CommandOutcome> {
  const pull = await ctx.pull();
  return closedReply(pull) ?? enqueueReview(ctx, pull, "full");
}
