/**
 * Webhook acknowledgement latency: 500 signed `pull_request.opened` deliveries sent over loopback
 * to the running elixir-agent server while its queue is busy with long jobs, next to the same
 * figures for a bare Probot app that does nothing, measured in the same run. Target: p99 within
 * 1.5× of the bare app, and flat as the queue grows (the handler never waits for work).
 */
import { createHmac, generateKeyPairSync } from "node:crypto";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Probot, ProbotOctokit, Server, type ApplicationFunction } from "probot";
import { pino } from "pino";
import { createApp } from "../src/app.js";
import { silentLogger } from "../src/logger.js";
import { InProcessQueue } from "../src/queue/memory.js";
import { loadSettings } from "../src/settings.js";
import { percentile, table } from "./lib.js";

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 500);
const IN_FLIGHT = 8;
const ROUNDS = 5;
const SECRET = "bench-secret";
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: any[] }[];
const opened = examples.find((e) => e.name === "pull_request")!.examples.find((e) => e.action === "opened");

/** Probot treats port 0 as "default (3000)": ask the OS for a free port first. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function serve(appFn: ApplicationFunction): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const server = new Server({
    Probot: Probot.defaults({ appId: 1, privateKey, secret: SECRET, Octokit: ProbotOctokit, log: pino({ level: "silent" }) }),
    port,
    host: "127.0.0.1",
    log: pino({ level: "silent" }),
    enablePing: false,
    enableNotFound: false,
    enableStaticFiles: false,
  });
  await server.load(appFn);
  await server.start();
  return { url: `http://127.0.0.1:${port}/api/github/webhooks`, stop: () => server.stop() };
}

let sequence = 0;

/** Sends DELIVERIES deliveries, each for a PR and head SHA never seen before (no de-duplication shortcut). */
async function send(url: string, label: string, count = DELIVERIES): Promise<number[]> {
  const latencies: number[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const unique = ++sequence;
      const payload = structuredClone(opened);
      payload.installation = { id: 1 };
      payload.number = payload.pull_request.number = 1000 + unique;
      payload.pull_request.head.sha = unique.toString(16).padStart(40, "0");
      const body = JSON.stringify(payload);
      const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
      const started = performance.now();
      const res = await fetch(url, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": `${label}-${i}`, "x-hub-signature-256": signature },
      });
      await res.arrayBuffer();
      latencies[i] = performance.now() - started;
      if (res.status >= 300) throw new Error(`${label}: delivery ${i} answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return latencies;
}

async function main(): Promise<void> {
  // The bare app: Probot with a handler that does nothing.
  const bare = await serve((app) => {
    app.on("pull_request.opened", async () => {});
  });
  // elixir-agent with its real handlers; the queue's jobs are long (as reviews are) and never end during the run.
  let running = 0;
  let release: () => void = () => {};
  const hold = new Promise<void>((resolve) => (release = resolve));
  let queue: InProcessQueue | undefined;
  const agent = createApp({
    settings: { ...loadSettings({}), concurrency: 2 },
    appId: 1,
    secrets: [],
    queue: () =>
      (queue = new InProcessQueue({
        concurrency: 2,
        log: silentLogger(),
        worker: async () => {
          running++;
          await hold;
        },
      })),
  });
  const ours = await serve(agent.appFn);

  // Warm both servers up, then measure them alternately in the same run.
  await send(bare.url, "warm-bare");
  await send(ours.url, "warm-agent");
  // Interleaved rounds, so background noise hits both servers alike.
  const bareLat: number[] = [];
  const oursLat: number[] = [];
  const before = queue?.snapshot().length ?? 0;
  for (let round = 0; round < ROUNDS; round++) {
    bareLat.push(...(await send(bare.url, `bare-${round}`, DELIVERIES / ROUNDS)));
    oursLat.push(...(await send(ours.url, `agent-${round}`, DELIVERIES / ROUNDS)));
  }
  const depth = queue?.snapshot().length ?? 0;

  const q = (xs: number[], from: number, to: number) => xs.slice(Math.floor(xs.length * from), Math.floor(xs.length * to));
  console.log(`Webhook acknowledgement latency, ${DELIVERIES} signed deliveries over loopback, ${IN_FLIGHT} in flight (ms)`);
  console.log(
    table([
      ["server", "p50", "p99", "p99 first 20%", "p99 last 20%"],
      ["bare Probot app", percentile(bareLat, 50), percentile(bareLat, 99), percentile(q(bareLat, 0, 0.2), 99), percentile(q(bareLat, 0.8, 1), 99)],
      ["elixir-agent (queue busy)", percentile(oursLat, 50), percentile(oursLat, 99), percentile(q(oursLat, 0, 0.2), 99), percentile(q(oursLat, 0.8, 1), 99)],
    ]),
  );
  console.log(`p99 ratio elixir-agent / bare: ${(percentile(oursLat, 99) / percentile(bareLat, 99)).toFixed(2)} (target ≤ 1.5)`);
  console.log(`jobs running throughout: ${running}; queue depth grew from ${before} to ${depth} during the measured run`);
  release();
  await agent.shutdown();
  await Promise.all([bare.stop(), ours.stop()]);
}

await main();
