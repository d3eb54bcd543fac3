import type { Probot } from "probot";
import type { Logger } from "../../logger.js";
import type { Settings } from "../../settings.js";
import { publishingClient } from "../client.js";
import type { Intake } from "../handlers/intake.js";
import type { AppIdentity } from "../identity.js";
import type { WriteLimiters } from "../limiter.js";
import type { GitHubClient } from "../octokit.js";
import type { AskFn } from "./ask/types.js";
import { askClaude } from "../../agent/ask.js";
import { RULES } from "../../analyzer/registry.js";
import { defaultCatalog, type RuleDoc } from "./explain/catalog.js";
import { RateLimiter } from "./rate-limit.js";
import { CommandRunner } from "./runner.js";

export { CommandRunner } from "./runner.js";
export type { AskFn, AskInput, AskResult } from "./ask/types.js";
export type { RuleDoc } from "./explain/catalog.js";

/** What `createApp` lets callers choose for commands. */
export interface CommandOptions {
  /** Answers `ask`; the agent's `askClaude` by default. */
  ask?: AskFn;
  /** Rules `explain` knows besides the toolchain's and the checklist; the analyzer's registry by default. */
  rules?: readonly RuleDoc[];
  /** Clock for the rate limit and timestamps. */
  now?: () => number;
}

export interface RunnerWiring extends CommandOptions {
  app: Probot;
  intake: Intake;
  identity: AppIdentity;
  settings: Settings;
  secrets: readonly string[];
  redact(text: string): string;
  /** The installations' write limiters, shared with the review jobs. */
  limiters: WriteLimiters;
  log: Logger;
}

export function createCommandRunner(wiring: RunnerWiring): CommandRunner {
  const now = wiring.now ?? Date.now;
  return new CommandRunner({
    // Replies, reactions and state edits are writes like the review's: one limiter per installation.
    // Only the 👀 acknowledgement goes straight out (one fixed, tiny write per admitted delivery).
    github: async (installationId) => {
      const direct = (await wiring.app.auth(installationId)) as unknown as GitHubClient;
      return { direct, client: publishingClient(direct, wiring.limiters.for(installationId), wiring.redact) };
    },
    intake: wiring.intake,
    identity: wiring.identity,
    settings: wiring.settings,
    secrets: wiring.secrets,
    redact: wiring.redact,
    ask: wiring.ask ?? askClaude,
    catalog: () => defaultCatalog(wiring.rules ?? RULES),
    limiter: new RateLimiter(now),
    log: wiring.log,
    now,
  });
}
