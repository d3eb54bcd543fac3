import { StepId } from "../../config/schema.js";
import type { CommandLine } from "./parse.js";
import { COMMANDS, PREFIX, isCommandName, type CommandName } from "./spec.js";

/** A command whose arguments passed the allowlist. Nothing in it can change configuration. */
export type Command =
  | { name: "help" | "review" | "checklist" | "pause" | "resume" | "status" }
  | { name: "rerun"; step: StepId }
  | { name: "ask"; question: string }
  | { name: "explain"; target?: string }
  | { name: "ignore"; rule: string; reason?: string }
  | { name: "unignore"; rule: string }
  /** Not a command we know: answered with the help. */
  | { name: "unknown"; word: string }
  /** A known command with arguments outside its allowlist: answered with its usage. */
  | { name: "invalid"; command: CommandName; args: string; problem: string };

/** Rule ids (`otp/impl-true`, `credo/Credo.Check.Readability.ModuleDoc`), checklist ids and finding ids. */
const RULE = /^[A-Za-z0-9][A-Za-z0-9_.:/@#+-]{0,199}$/;
export const MAX_QUESTION = 4000;
export const MAX_REASON = 300;

/** Checks a command line's arguments against the command's allowlist. */
export function interpret(line: CommandLine): Command {
  const { word, args } = line;
  if (word === "" || !isCommandName(word)) return { name: "unknown", word };
  const invalid = (problem: string): Command => ({ name: "invalid", command: word, args, problem });
  switch (word) {
    case "help":
    case "review":
    case "checklist":
    case "pause":
    case "resume":
    case "status":
      return args === "" ? { name: word } : invalid(`\`${word}\` takes no arguments; settings come from \`.github/elixir-agent.yml\` on the default branch, never from a comment.`);
    case "rerun": {
      const step = StepId.safeParse(args.toLowerCase());
      return step.success ? { name: "rerun", step: step.data } : invalid(`\`rerun\` needs one step: ${StepId.options.map((s) => `\`${s}\``).join(", ")}.`);
    }
    case "ask": {
      const question = [args, line.following].filter(Boolean).join("\n").trim();
      if (question.length === 0) return invalid("`ask` needs a question.");
      if (question.length > MAX_QUESTION) return invalid(`the question is ${question.length} characters long; at most ${MAX_QUESTION} are accepted.`);
      return { name: "ask", question };
    }
    case "explain": {
      if (args === "") return { name: "explain" };
      return RULE.test(args) ? { name: "explain", target: args } : invalid("`explain` takes one finding id or rule id, e.g. `otp/impl-true`.");
    }
    case "ignore":
    case "unignore": {
      const [rule = "", ...rest] = args.split(/\s+/);
      if (!RULE.test(rule)) return invalid(`\`${word}\` needs a rule id, e.g. \`credo/Credo.Check.Design.TagTODO\`.`);
      if (word === "unignore") return rest.length === 0 ? { name: "unignore", rule } : invalid("`unignore` takes only the rule id.");
      const reason = cleanReason(rest.join(" "));
      if (reason.length > MAX_REASON) return invalid(`the reason is ${reason.length} characters long; at most ${MAX_REASON} are accepted.`);
      return { name: "ignore", rule, ...(reason ? { reason } : {}) };
    }
  }
}

function cleanReason(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * The command in one normalised line: an edit that leaves it unchanged does not run it again, and
 * the reply marker carries its hash.
 */
export function canonical(command: Command): string {
  switch (command.name) {
    case "rerun":
      return `rerun ${command.step}`;
    case "ask":
      return `ask ${command.question.replace(/\s+/g, " ")}`;
    case "explain":
      return command.target ? `explain ${command.target}` : "explain";
    case "ignore":
      return `ignore ${command.rule}${command.reason ? ` ${command.reason}` : ""}`;
    case "unignore":
      return `unignore ${command.rule}`;
    case "unknown":
      return `unknown ${command.word}`;
    case "invalid":
      return `invalid ${command.command} ${command.args}`;
    default:
      return command.name;
  }
}

/** Commands that cost anything need `commands.permission`; help, status and explain are free. */
export function isCostly(command: Command): boolean {
  if (command.name === "unknown" || command.name === "invalid") return false;
  return COMMANDS[command.name].cost === "costly";
}

export function usageOf(name: CommandName): string {
  return `${PREFIX} ${COMMANDS[name].usage}`;
}
