import type { Logger } from "../../logger.js";
import { LIMITS } from "../limits.js";
import { truncateMarkdown } from "../../util/markdown.js";
import type { GitHubClient } from "../octokit.js";
import { postReply, react, type Reaction } from "./comment.js";
import type { CommandContext, CommandEvent, CommandServices } from "./context.js";
import { admit } from "./admit.js";
import { execute } from "./execute.js";
import { lastReview } from "./last-review.js";
import { alreadyAnswered, replyMarker } from "./marker.js";
import { fetchPull, type PullInfo } from "./pull.js";
import { quoteLine } from "./replies.js";

/** Room for the quote line and the marker on top of GitHub's comment limit. */
const MAX_BODY = LIMITS.commentBodyBytes - 500;

/**
 * Runs commands off the webhook's path: the handler hands over a CommandEvent and returns. Per
 * command: 👀 at once, then (one PR at a time) redelivery check → config → rate limit →
 * permission → the command → one reply with a hidden marker → 🚀 or 😕.
 */
export class CommandRunner {
  private readonly tasks = new Set<Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly deliveries = new Set<string>();
  private readonly idleWaiters: (() => void)[] = [];
  private accepting = true;

  constructor(private readonly services: CommandServices) {}

  /** False when the delivery was already taken or the service is stopping. Never waits. */
  submit(event: CommandEvent): boolean {
    const delivery = `${event.deliveryId}:${event.comment.id}`;
    if (!this.accepting || this.deliveries.has(delivery)) return false;
    this.remember(delivery);
    const key = `${event.repo.owner}/${event.repo.name}#${event.comment.prNumber}`;
    const log = this.services.log.child({ delivery: event.deliveryId, key, comment: event.comment.id, command: event.command.name });
    const clients = this.services.github(event.installationId);
    const eyes = clients.then(({ direct }) => this.reaction(direct, event, "eyes", log));
    const previous = this.chains.get(key) ?? Promise.resolve();
    const task = Promise.all([previous, eyes])
      .then(async () => this.handle((await clients).client, event, log))
      .catch((error: unknown) => log.error({ err: error }, "command failed"));
    this.chains.set(key, task);
    this.tasks.add(task);
    void task.finally(() => {
      this.tasks.delete(task);
      if (this.chains.get(key) === task) this.chains.delete(key);
      if (this.tasks.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
    return true;
  }

  idle(): Promise<void> {
    if (this.tasks.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async shutdown(): Promise<void> {
    this.accepting = false;
    await this.idle();
  }

  private async handle(github: GitHubClient, event: CommandEvent, log: Logger): Promise<void> {
    const { services } = this;
    const repo = { owner: event.repo.owner, name: event.repo.name };
    const finish = async (body: string, ok: boolean) => {
      const text = truncateMarkdown(services.redact(`${quoteLine(event.line)}\n\n${body}`), MAX_BODY);
      await postReply(github, repo, event.comment, `${text}\n\n${replyMarker(event.comment.id, event.canonical)}`);
      await this.reaction(github, event, ok ? "rocket" : "confused", log);
    };
    try {
      if (await alreadyAnswered(github, repo, event.comment, event.canonical, services.identity)) {
        log.info("command already answered (redelivery): nothing to do");
        return;
      }
      const admission = await admit(github, services, event, log);
      if (!admission.ok) {
        if (admission.reply !== undefined) await finish(admission.reply, false);
        else await this.reaction(github, event, "confused", log);
        return;
      }
      let pull: Promise<PullInfo> | undefined;
      const ctx: CommandContext = {
        event,
        github,
        config: admission.config,
        services,
        log,
        pull: () => (pull ??= fetchPull(github, repo, event.comment.prNumber)),
        lastReview: (sha) => lastReview(github, repo, sha, services.identity),
      };
      const outcome = await execute(ctx, event.command);
      log.info({ ok: outcome.ok }, "command answered");
      await finish(outcome.body, outcome.ok);
    } catch (error) {
      log.error({ err: error }, "command failed");
      const message = error instanceof Error ? error.message : String(error);
      await finish(`Something went wrong on my side, so this command did not complete. Nothing about your code is implied.\n\n\`${message.slice(0, 300).replace(/`/g, "'")}\``, false).catch(
        (postError: unknown) => log.error({ err: postError }, "could not report the failure"),
      );
    }
  }

  private async reaction(github: GitHubClient, event: CommandEvent, content: Reaction, log: Logger): Promise<void> {
    try {
      await react(github, event.repo, event.comment, content);
    } catch (error) {
      log.warn({ err: error, content }, "reaction failed");
    }
  }

  private remember(delivery: string): void {
    this.deliveries.add(delivery);
    if (this.deliveries.size > 10_000) {
      const oldest = this.deliveries.values().next().value;
      if (oldest !== undefined) this.deliveries.delete(oldest);
    }
  }
}
