import { inlineCode } from "../../util/markdown.js";
import { ask } from "./ask/index.js";
import { checklist } from "./checklist.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { explain } from "./explain/index.js";
import type { Command } from "./grammar.js";
import { usageOf } from "./grammar.js";
import { renderHelp } from "./help.js";
import { ignore, unignore } from "./ignore.js";
import { setPaused } from "./pause.js";
import { rerun } from "./rerun.js";
import { review } from "./review.js";
import { status } from "./status.js";

/** Runs one command whose arguments, permission and rate limit were already checked. */
export async function execute(ctx: CommandContext, command: Command): Promise<CommandOutcome> {
  switch (command.name) {
    case "help":
      return { ok: true, body: renderHelp() };
    case "unknown":
      return {
        ok: false,
        body: `${command.word ? `I don't know the command ${inlineCode(command.word)}.` : "That command is empty."} These are the ones I know:\n\n${renderHelp()}`,
      };
    case "invalid":
      return { ok: false, body: `${capitalise(command.problem)}\n\nUsage: ${inlineCode(usageOf(command.command))}` };
    case "review":
      return review(ctx);
    case "rerun":
      return rerun(ctx, command.step);
    case "ask":
      return ask(ctx, command.question);
    case "explain":
      return explain(ctx, command.target);
    case "checklist":
      return checklist(ctx);
    case "pause":
      return setPaused(ctx, true);
    case "resume":
      return setPaused(ctx, false);
    case "ignore":
      return ignore(ctx, command.rule, command.reason);
    case "unignore":
      return unignore(ctx, command.rule);
    case "status":
      return status(ctx);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
