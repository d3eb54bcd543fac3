import { generateKeyPairSync } from "node:crypto";
import { readFile } from "node:fs/promises";
import { Probot, ProbotOctokit } from "probot";
import { pino } from "pino";
import { createApp } from "../app.js";
import { dryRunFetch } from "../github/dry-run.js";
import type { Settings } from "../settings.js";
import { CliError } from "./local.js";

const EVENTS = ["pull_request", "check_run", "check_suite", "issue_comment", "pull_request_review_comment"] as const;

export interface ReplayOptions {
  file: string;
  event?: string;
  settings: Settings;
  secrets: readonly string[];
  print: (text: string) => void;
  logLevel?: string;
}

/**
 * Runs a webhook payload through the real app with a dry-run GitHub client: every GitHub call
 * the app would make is printed instead of sent. Accepts a bare payload (event name from
 * `--event` or inferred) or a `{ name, id, payload }` delivery.
 */
export async function replay(options: ReplayOptions): Promise<number> {
  const raw = JSON.parse(await readFile(options.file, "utf8").catch(() => {
    throw new CliError(`cannot read ${options.file}`);
  })) as Record<string, unknown>;
  const delivery = "payload" in raw && "name" in raw ? raw : { name: options.event ?? inferEvent(raw), id: `replay-${Date.now()}`, payload: raw };
  const name = String(delivery.name);
  if (!(EVENTS as readonly string[]).includes(name)) throw new CliError(`cannot tell which event ${options.file} is: pass --event (${EVENTS.join(", ")})`);
  const payload = delivery.payload as { action?: string; check_run?: { app?: { id?: number } }; check_suite?: { app?: { id?: number } } };
  const appId = payload.check_run?.app?.id ?? payload.check_suite?.app?.id ?? 1;

  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
  const probot = new Probot({
    appId,
    privateKey,
    Octokit: ProbotOctokit.defaults({ request: { fetch: dryRunFetch((line) => options.print(`[dry-run] ${line}`)) }, retry: { enabled: false }, throttle: { enabled: false } }),
    log: pino({ level: options.logLevel ?? "warn" }, pino.destination(2)),
  });
  const agent = createApp({ settings: options.settings, appId, secrets: options.secrets });
  await probot.load(agent.appFn);
  await probot.receive({ id: String(delivery.id ?? "replay"), name, payload } as never);
  const queued = agent.queue?.snapshot().length ?? 0;
  options.print(queued > 0 ? `[replay] ${name}.${payload.action ?? ""}: ${queued} job(s) enqueued; running…` : `[replay] ${name}.${payload.action ?? ""}: nothing to do for this event`);
  await agent.queue?.idle();
  options.print("[replay] done");
  return 0;
}

function inferEvent(payload: Record<string, unknown>): string | undefined {
  if ("check_run" in payload) return "check_run";
  if ("check_suite" in payload) return "check_suite";
  if ("comment" in payload && "pull_request" in payload) return "pull_request_review_comment";
  if ("comment" in payload && "issue" in payload) return "issue_comment";
  if ("pull_request" in payload) return "pull_request";
  return undefined;
}
