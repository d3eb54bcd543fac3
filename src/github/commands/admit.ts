import { loadRepoConfig } from "../../config/load.js";
import { defaultConfig, type Config } from "../../config/schema.js";
import type { Logger } from "../../logger.js";
import type { GitHubClient } from "../octokit.js";
import type { CommandEvent, CommandServices } from "./context.js";
import { isCostly } from "./grammar.js";
import { atLeastLevel, permissionOf } from "./permission.js";
import { rateLimited, refusal } from "./replies.js";

/** Whether a command may run: with the repository's config, or with the reply that says why not (none: only 😕). */
export type Admission = { ok: true; config: Config } | { ok: false; reply?: string };

/**
 * The checks before a command runs, in order: the per-PR rate limit (first, so that no path can
 * make the app reply without bound), the config from the default branch, `commands.enabled`, and
 * for costly commands the commenter's permission.
 */
export async function admit(github: GitHubClient, services: CommandServices, event: CommandEvent, log: Logger): Promise<Admission> {
  const loaded = await loadRepoConfig(github, event.repo);
  const limit = loaded.ok ? loaded.config.commands.rateLimit : defaultConfig().commands.rateLimit;
  const decision = services.limiter.take(`${event.repo.owner}/${event.repo.name}#${event.comment.prNumber}`, limit);
  if (!decision.allowed) {
    log.info({ notify: decision.notify }, "command rate-limited");
    return decision.notify ? { ok: false, reply: rateLimited(limit, decision.retryAfterMs) } : { ok: false };
  }
  if (!loaded.ok) return { ok: false, reply: `I can't run commands until the configuration is fixed:\n\n\`\`\`\n${loaded.error}\n\`\`\`` };
  const config = loaded.config;
  if (!config.commands.enabled) return { ok: false, reply: "Commands are switched off for this repository (`commands.enabled: false` in `.github/elixir-agent.yml`)." };
  if (isCostly(event.command)) {
    const level = await permissionOf(github, { owner: event.repo.owner, name: event.repo.name }, event.actor);
    if (!atLeastLevel(level, config.commands.permission)) {
      log.info({ actor: event.actor, level, required: config.commands.permission }, "command refused: permission");
      return { ok: false, reply: refusal(event.actor, config.commands.permission) };
    }
  }
  return { ok: true, config };
}
