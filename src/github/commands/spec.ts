import { StepId } from "../../config/schema.js";

/** Who may run a command: `free` for everyone, `costly` only at `commands.permission` or above. */
export type Cost = "free" | "costly";

export interface CommandSpec {
  /** The words after `/elixir-agent`, with placeholders. */
  usage: string;
  /** A complete example comment. */
  example: string;
  /** One line for the help. */
  summary: string;
  cost: Cost;
}

export const PREFIX = "/elixir-agent";

/** Every command, in help order. The help reply and the README section are rendered from this. */
export const COMMANDS = {
  help: { usage: "help", example: "help", summary: "The commands, with one line each.", cost: "free" },
  review: {
    usage: "review",
    example: "review",
    summary: "A full new review of the current head: toolchain, analyzer and AI review.",
    cost: "costly",
  },
  rerun: {
    usage: "rerun <step>",
    example: "rerun test",
    summary: `Re-run one toolchain step (${StepId.options.join(", ")}) and update the check run.`,
    cost: "costly",
  },
  ask: {
    usage: "ask <question>",
    example: "ask Why would this GenServer.call time out under load?",
    summary: "An answer from Claude grounded in the diff, the changed files and the last review's evidence.",
    cost: "costly",
  },
  explain: {
    usage: "explain <finding-id | rule>",
    example: "explain otp/impl-true",
    summary: "Why a finding or rule matters in Elixir, how to fix it, and its checklist item. In a reply to an elixir-agent comment the argument may be left out.",
    cost: "free",
  },
  checklist: {
    usage: "checklist",
    example: "checklist",
    summary: "The expert checklist evaluation for the current head (runs a review when there is none yet).",
    cost: "costly",
  },
  pause: { usage: "pause", example: "pause", summary: "Stop automatic reviews on this pull request; commands keep working.", cost: "costly" },
  resume: { usage: "resume", example: "resume", summary: "Restart automatic reviews on this pull request.", cost: "costly" },
  ignore: {
    usage: "ignore <rule> [reason]",
    example: "ignore credo/Credo.Check.Design.TagTODO tracked in #123",
    summary: "Suppress a rule on this pull request, recorded with who and why and shown in later summaries.",
    cost: "costly",
  },
  unignore: { usage: "unignore <rule>", example: "unignore credo/Credo.Check.Design.TagTODO", summary: "Report a rule again on this pull request.", cost: "costly" },
  status: { usage: "status", example: "status", summary: "What is queued or running for this pull request, and what is paused or ignored.", cost: "free" },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(word: string): word is CommandName {
  return Object.hasOwn(COMMANDS, word);
}
