import { escapeMd } from "../../util/markdown.js";
import type { Level } from "./permission.js";

/** The command as written, quoted on top of the reply (one line, inert: no HTML, no mentions). */
export function quoteLine(line: string): string {
  const one = line.replace(/\s+/g, " ").trim();
  return `> ${escapeMd(one.length > 120 ? `${one.slice(0, 119)}…` : one)}`;
}

export function refusal(actor: string, required: Level): string {
  return (
    `Sorry, ${escapeMd(actor)}: this command needs **${required}** permission on the repository, because it runs work or changes how this pull request is reviewed. ` +
    "A maintainer can run it for you. `/elixir-agent help`, `status` and `explain` are open to everyone."
  );
}

export function rateLimited(limit: { count: number; windowMinutes: number }, retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return (
    `This pull request had ${limit.count} commands in the last ${limit.windowMinutes} minutes, the limit set by \`commands.rateLimit\`. ` +
    `Try again in about ${minutes} minute${minutes === 1 ? "" : "s"}; until then further commands only get a 😕 reaction.`
  );
}
