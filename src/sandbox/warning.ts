import { userInfo } from "node:os";

/** The text the CLI prints (loudly) whenever the `none` backend runs project code. */
export function noneBackendWarning(): string {
  const user = safeUser();
  return [
    "⚠️  NO SANDBOX (ELIXIR_AGENT_SANDBOX=none)",
    `The project's own code — mix.exs, its dependencies, macros and tests — runs directly on this machine as ${user},`,
    "with your files and your network; only wall-clock and output limits apply and only the environment is filtered.",
    "Use it only on a repository you trust. Install bubblewrap (Linux) or Docker for isolation.",
  ].join("\n");
}

function safeUser(): string {
  try {
    return `\`${userInfo().username}\``;
  } catch {
    return `uid ${process.getuid?.() ?? "?"}`;
  }
}
