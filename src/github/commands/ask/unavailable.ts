import { emptyUsage } from "./usage.js";
import type { AskFn } from "./types.js";

/**
 * The `ask` backend while no Claude call layer is wired in: it answers honestly why there is no
 * answer. With `src/agent` merged, `askClaude` takes its place (see `createApp`'s `commands.ask`).
 */
export const unavailableAsk: AskFn = async (input) => {
  const model = input.config.model ?? input.settings.model;
  const reason = !input.config.enabled
    ? "the AI agent is switched off for this repository (agent.enabled: false)"
    : !input.settings.anthropicApiKey
      ? "no ANTHROPIC_API_KEY is configured for this app"
      : "this build of elixir-agent has no Claude call layer";
  return { ok: false, reason, model, usage: emptyUsage() };
};
