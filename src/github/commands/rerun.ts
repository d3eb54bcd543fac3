import type { StepId } from "../../config/schema.js";
import { inlineCode } from "../../util/markdown.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { closedReply, enqueueReview } from "./enqueue.js";

/**
 * `rerun <step>`: a job in mode `step` for the current head. The toolchain runs what the step
 * needs (deps, compile) and that step; the check run shows the new result.
 */
export async function rerun(ctx: CommandContext, step: StepId): Promise<CommandOutcome> {
  const toolchain = ctx.config.toolchain;
  if (!toolchain.enabled) return { ok: false, body: "The toolchain is switched off for this repository (`toolchain.enabled: false`), so there is no step to re-run." };
  if (toolchain.steps[step].enabled === false) {
    return { ok: false, body: `The ${inlineCode(step)} step is switched off for this repository (\`toolchain.steps.${step}.enabled: false\`).` };
  }
  const pull = await ctx.pull();
  return closedReply(pull) ?? enqueueReview(ctx, pull, "step", step);
}
