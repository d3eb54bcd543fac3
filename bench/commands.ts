/**
 * Command acknowledgement: how long the webhook handler holds a `/elixir-agent` comment delivery
 * (it should only parse and hand over) in a burst of deliveries, next to a bare Probot handler in
 * the same run; then, one delivery at a time, how soon the 👀 reaction request leaves and how soon
 * the final 🚀/😕 does. GitHub is a local fake `fetch` that answers at once, so the figures are the
 * app's own cost — except that writes keep the production spacing of the installation's write
 * limiter (≥ 1 s apart, as GitHub asks), which dominates the time to the final reaction.
 *
 *   npx tsx bench/commands.ts
 */
import { generateKeyPairSync } from "node:crypto";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { Probot, ProbotOctokit, type ApplicationFunction } from "probot";
import { pino } from "pino";
import { createApp } from "../src/app.js";
import { dryRunFetch } from "../src/github/dry-run.js";
import { loadSettings } from "../src/settings.js";
import { percentile, table } from "./lib.js";

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 500);
const SINGLES = Number(process.env.BENCH_SINGLES ?? 20);
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: any[] }[];
const created = examples.find((e) => e.name === "issue_comment")!.examples.find((e) => e.action === "created");

/** A fake GitHub: every answer at once; the time of each reaction request is recorded. */
function fakeGitHub(reactions: Map<string, number>): typeof fetch {
  const answer = dryRunFetch(() => {});
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const match = /\/issues\/comments\/(\d+)\/reactions$/.exec(url);
    const content = typeof init?.body === "string" ? /"content":"(\w+)"/.exec(init.body)?.[1] : undefined;
    if (match && content) reactions.set(`${match[1]}:${content === "eyes" ? "eyes" : "final"}`, performance.now());
    return answer(input, init);
  };
}

function probotWith(appFn: ApplicationFunction, fetchImpl: typeof fetch): Promise<Probot> {
  const probot = new Probot({
    appId: 1,
    privateKey,
    // Function form: Probot's own throttle options would otherwise replace \`enabled: false\`.
    Octokit: ProbotOctokit.defaults((o: any) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } })),
    log: pino({ level: "silent" }),
    request: { fetch: fetchImpl },
  });
  return probot.load(appFn).then(() => probot);
}

function delivery(i: number, body: string) {
  const payload = structuredClone(created);
  payload.installation = { id: 1 };
  payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1" };
  payload.issue.number = 1 + i; // one PR per delivery: the per-PR rate limit stays out of the way
  payload.comment.id = 10_000 + i;
  payload.comment.body = body;
  return { id: `d-${i}`, name: "issue_comment", payload } as any;
}

/** A burst: every delivery handed over as fast as the handler returns. */
async function burst(probot: Probot): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < DELIVERIES; i++) {
    const event = delivery(i, i % 2 === 0 ? "/elixir-agent help" : "Looks good!\n\n/elixir-agent review");
    const start = performance.now();
    await probot.receive(event);
    times.push(performance.now() - start);
  }
  return times;
}

const bare: ApplicationFunction = (app) => app.on("issue_comment.created", async () => {});
const baseline = await burst(await probotWith(bare, fakeGitHub(new Map())));
// The burst measures the handler: writes unspaced, or draining 500 replies would take minutes.
const agent = createApp({ settings: { ...loadSettings({}) }, appId: 1, appSlug: "elixir-agent", secrets: [], limiter: { minIntervalMs: 0 } });
const ours = await burst(await probotWith(agent.appFn, fakeGitHub(new Map())));
await agent.commands!.idle();

// One at a time: delivery → 👀 and delivery → final reaction of a complete `help`.
const reactions = new Map<string, number>();
const single = createApp({ settings: { ...loadSettings({}) }, appId: 1, appSlug: "elixir-agent", secrets: [] });
const probot = await probotWith(single.appFn, fakeGitHub(reactions));
const toEyes: number[] = [];
const toDone: number[] = [];
for (let i = 0; i < SINGLES; i++) {
  const start = performance.now();
  await probot.receive(delivery(50_000 + i, "/elixir-agent help"));
  await single.commands!.idle();
  toEyes.push(reactions.get(`${60_000 + i}:eyes`)! - start);
  toDone.push(reactions.get(`${60_000 + i}:final`)! - start);
}

const row = (name: string, xs: number[]) => [name, xs.length, percentile(xs, 50), percentile(xs, 99), Math.max(...xs)];
console.log(`issue_comment deliveries with a command, through probot.receive (ms)\n`);
console.log(
  table([
    ["", "n", "p50", "p99", "max"],
    row("burst: bare Probot handler", baseline),
    row("burst: elixir-agent handler", ours),
    row("single: delivery → 👀 request", toEyes),
    row("single: delivery → 🚀 (help answered)", toDone),
  ]),
);
console.log(`\nburst handler p50 / bare p50: ${(percentile(ours, 50) / percentile(baseline, 50)).toFixed(2)}×, p99: ${(percentile(ours, 99) / percentile(baseline, 99)).toFixed(2)}×`);
await agent.shutdown();
await single.shutdown();
