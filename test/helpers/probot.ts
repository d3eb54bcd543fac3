import { generateKeyPairSync } from "node:crypto";
import { createRequire } from "node:module";
import { Probot, ProbotOctokit } from "probot";
import { pino } from "pino";

/** One key for the whole run: signing app JWTs needs a real RSA key. */
export const TEST_PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

export const TEST_APP_ID = 2;

/**
 * A Probot instance for tests: retries and throttling off, silent logs. Probot merges its own
 * throttle options over an object passed to `ProbotOctokit.defaults` (leaving Bottleneck's 1 s
 * write spacing on); a defaults *function* runs last and wins.
 */
export function testProbot(): Probot {
  return new Probot({
    appId: TEST_APP_ID,
    privateKey: TEST_PRIVATE_KEY,
    Octokit: ProbotOctokit.defaults((options: any) => ({ ...options, retry: { enabled: false }, throttle: { ...options.throttle, enabled: false } })),
    log: pino({ level: process.env.TEST_LOG ?? "silent" }),
  });
}

type Examples = { name: string; examples: Record<string, unknown>[] }[];
const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as Examples;

export type WebhookName = "pull_request" | "check_run" | "check_suite" | "issue_comment" | "pull_request_review_comment" | "push";

/**
 * A real example payload from @octokit/webhooks-examples (deep copy), the first with the given
 * action, optionally adjusted by `edit`.
 */
export function examplePayload<T = any>(name: WebhookName, action: string, edit?: (payload: any) => void): T {
  const group = examples.find((e) => e.name === name);
  // Events without actions (push) are picked by their ref instead.
  const found = group?.examples.find((e) => e.action === action || (e.action === undefined && e.ref === action));
  if (!found) throw new Error(`no example payload for ${name}.${action}`);
  const payload = structuredClone(found) as any;
  payload.installation ??= { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
  edit?.(payload);
  return payload as T;
}
