import type { Config } from "../../config/schema.js";
import type { Logger } from "../../logger.js";
import type { JobRequest } from "../../pipeline/types.js";
import type { Settings } from "../../settings.js";
import type { Intake } from "../handlers/intake.js";
import type { AppIdentity } from "../identity.js";
import type { GitHubClient } from "../octokit.js";
import type { AskFn } from "./ask/types.js";
import type { CommentRef } from "./comment.js";
import type { Catalog } from "./explain/catalog.js";
import type { Command } from "./grammar.js";
import type { CheckRunInfo } from "./last-review.js";
import type { PullInfo } from "./pull.js";
import type { RateLimiter } from "./rate-limit.js";

/** One command from one webhook delivery, as the handler hands it over (plain data). */
export interface CommandEvent {
  deliveryId: string;
  installationId: number;
  repo: JobRequest["repo"];
  comment: CommentRef;
  /** Who wrote the comment. */
  actor: string;
  command: Command;
  /** The command in one normalised line (edits and the reply marker compare it). */
  canonical: string;
  /** The command line as written (quoted at the top of the reply). */
  line: string;
  /** Review comments: where the thread sits. */
  thread?: { path: string; line?: number; diffHunk?: string };
}

/** What every command shares for the life of the app. */
export interface CommandServices {
  /**
   * The installation's clients: `client` sends writes through the installation's write limiter
   * (spaced, rate limits honoured, redacted); `direct` is only for the 👀 acknowledgement, which
   * must not wait behind a review's queue of writes.
   */
  github(installationId: number): Promise<{ client: GitHubClient; direct: GitHubClient }>;
  intake: Intake;
  identity: AppIdentity;
  settings: Settings;
  secrets: readonly string[];
  /** Every string posted to GitHub passes here. */
  redact(text: string): string;
  ask: AskFn;
  catalog(): Promise<Catalog>;
  limiter: RateLimiter;
  log: Logger;
  now(): number;
}

/** One running command: its event, an authenticated client, the repo config, lazy look-ups. */
export interface CommandContext {
  event: CommandEvent;
  github: GitHubClient;
  config: Config;
  services: CommandServices;
  log: Logger;
  pull(): Promise<PullInfo>;
  lastReview(headSha: string): Promise<CheckRunInfo | undefined>;
}

/** What a command answers: the reply's text and whether it did what was asked (🚀) or not (😕). */
export interface CommandOutcome {
  body: string;
  ok: boolean;
}
