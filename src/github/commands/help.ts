import { COMMANDS, PREFIX, type CommandName } from "./spec.js";

/**
 * The help, rendered from the command table. The README's commands section contains exactly this
 * text (a test checks it), so the two cannot drift apart.
 */
export function renderHelp(): string {
  const rows = (Object.keys(COMMANDS) as CommandName[]).map((name) => {
    const spec = COMMANDS[name];
    const lock = spec.cost === "costly" ? " 🔒" : "";
    // A `|` splits a table cell even inside a code span: GitHub wants it escaped.
    const cell = (text: string) => text.replace(/\|/g, "\\|");
    return `| \`${cell(`${PREFIX} ${spec.usage}`)}\`${lock} | ${cell(spec.summary)} | \`${cell(`${PREFIX} ${spec.example}`)}\` |`;
  });
  return [
    "| command | what it does | example |",
    "|---|---|---|",
    ...rows,
    "",
    "Write the command at the start of a line in a pull-request comment or in a review-comment thread. " +
      "🔒 commands need write permission on the repository (or the level set by `commands.permission`). " +
      "Arguments are checked against an allowlist: settings come from `.github/elixir-agent.yml` on the default branch, never from a comment.",
  ].join("\n");
}
