import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { publishingClient } from "../../../src/github/client.js";
import { RateLimitExceeded, WriteLimiter } from "../../../src/github/limiter.js";
import type { GitHubClient } from "../../../src/github/octokit.js";
import { fakeGitHub, PullScenario, startApp } from "./scenario.js";
import { analyzerStages } from "./stages.js";

const API = "https://api.github.com";
const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

/** A clock that only moves when the limiter sleeps: waits are exact and instant. */
function fakeTime() {
  const time = { now: 1_000_000, sleeps: [] as number[] };
  return {
    time,
    now: () => time.now,
    sleep: async (ms: number) => {
      time.sleeps.push(ms);
      time.now += ms;
    },
  };
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const client = () => new Octokit({ auth: "ghs_test", log: quiet }) as unknown as GitHubClient;

describe("the write limiter", () => {
  it("spaces the writes of one installation at least minIntervalMs apart, in order", async () => {
    const clock = fakeTime();
    const limiter = new WriteLimiter({ minIntervalMs: 1000, now: clock.now, sleep: clock.sleep });
    const seen: number[] = [];
    nock(API).post("/repos/o/r/issues/1/comments").times(3).reply(201, (_uri, body: any) => {
      seen.push(body.n);
      return { id: body.n };
    });
    const github = client();
    await Promise.all([1, 2, 3].map((n) => limiter.schedule(() => github.request("POST /repos/o/r/issues/1/comments", { n }))));
    expect(seen).toEqual([1, 2, 3]);
    expect(clock.time.sleeps).toEqual([1000, 1000]);
  });

  it("a secondary rate limit pauses every write of the installation for retry-after, then retries", async () => {
    const events: string[] = [];
    let release!: () => void;
    let waiting!: () => void;
    const asleep = new Promise<void>((resolve) => (waiting = resolve));
    const limiter = new WriteLimiter({
      minIntervalMs: 0,
      sleep: (ms) => {
        events.push(`wait ${ms}`);
        waiting();
        return new Promise<void>((resolve) => (release = () => { events.push("waited"); resolve(); }));
      },
    });
    nock(API)
      .post("/a")
      .reply(() => (events.push("POST /a"), [403, { message: SECONDARY }, { "retry-after": "7" }]))
      .post("/a")
      .reply(() => (events.push("POST /a"), [201, {}]))
      .post("/b")
      .reply(() => (events.push("POST /b"), [201, {}]));
    const github = client();
    const a = limiter.schedule(() => github.request("POST /a"));
    const b = limiter.schedule(() => github.request("POST /b"));
    await asleep;
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for anything sent too early
    // Nothing else was sent while waiting: neither the retry nor the queued write.
    expect(events).toEqual(["POST /a", "wait 7000"]);
    release();
    await Promise.all([a, b]);
    expect(events).toEqual(["POST /a", "wait 7000", "waited", "POST /a", "POST /b"]);
  });

  it("a primary rate limit waits until x-ratelimit-reset", async () => {
    const clock = fakeTime();
    const limiter = new WriteLimiter({ minIntervalMs: 0, now: clock.now, sleep: clock.sleep });
    const reset = Math.floor(clock.time.now / 1000) + 120;
    nock(API)
      .patch("/x")
      .reply(403, { message: "API rate limit exceeded" }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) })
      .patch("/x")
      .reply(200, { ok: true });
    const { data } = await limiter.schedule(() => client().request("PATCH /x"));
    expect(data).toEqual({ ok: true });
    expect(clock.time.sleeps).toEqual([reset * 1000 - 1_000_000 + 1000]);
  });

  it("gives up instead of waiting longer than maxWaitMs, and never retries other errors", async () => {
    const clock = fakeTime();
    const limiter = new WriteLimiter({ minIntervalMs: 0, maxWaitMs: 60_000, now: clock.now, sleep: clock.sleep });
    nock(API).post("/slow").reply(429, { message: "slow down" }, { "retry-after": "3600" }).post("/bad").reply(422, { message: "Validation Failed" });
    await expect(limiter.schedule(() => client().request("POST /slow"))).rejects.toBeInstanceOf(RateLimitExceeded);
    await expect(limiter.schedule(() => client().request("POST /bad"))).rejects.toMatchObject({ status: 422 });
    expect(clock.time.sleeps).toEqual([]);
  });

  it("the publishing client limits writes only, and redacts every string a write carries", async () => {
    const events: string[] = [];
    let release!: () => void;
    let waiting!: () => void;
    const asleep = new Promise<void>((resolve) => (waiting = resolve));
    const limiter = new WriteLimiter({
      minIntervalMs: 0,
      sleep: () => {
        waiting();
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const secret = "sk-ant-api03-verysecretvalue";
    const redact = (text: string) => text.split(secret).join("[REDACTED]");
    let posted: any;
    nock(API)
      .post("/w")
      .reply(() => (events.push("POST /w"), [403, { message: SECONDARY }, { "retry-after": "1" }]))
      .post("/w")
      .reply((_uri, body) => (events.push("POST /w"), (posted = body), [201, {}]))
      .get("/r")
      .reply(() => (events.push("GET /r"), [200, {}]));
    const github = publishingClient(client(), limiter, redact);
    const write = github.request("POST /w", { body: `token ${secret}`, nested: { list: [secret] } });
    await asleep;
    await github.request("GET /r");
    expect(events).toEqual(["POST /w", "GET /r"]);
    release();
    await write;
    expect(posted).toEqual({ body: "token [REDACTED]", nested: { list: ["[REDACTED]"] } });
  });
});

describe("the app under a secondary rate limit", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("a 403 with retry-after on the review POST: nothing is sent before the wait, then one review", async () => {
    const pr = new PullScenario({ "lib/demo.ex": "defmodule Demo do\nend\n" });
    cleanups.push(() => pr.cleanup());
    const head = pr.push({ "lib/demo.ex": 'defmodule Demo do\n  def key(p), do: String.to_atom(p["k"])\nend\n' });
    const github = fakeGitHub().diffOf(pr.remote.dir, pr.base, head);
    github.fail("POST reviews", { status: 403, headers: { "retry-after": "30" }, message: SECONDARY });
    const events: string[] = [];
    github.onCall = (c) => events.push(`${c.method} ${c.path}`);
    const sleep = async (ms: number) => {
      events.push(`wait ${ms}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      events.push("waited");
    };
    const app = await startApp({ stages: analyzerStages, limiter: { minIntervalMs: 0, sleep } });
    await app.receive(pr.payload("opened", head));

    expect(github.violations).toEqual([]);
    const i = events.indexOf("POST reviews");
    expect(events.slice(i, i + 4)).toEqual(["POST reviews", "wait 30000", "waited", "POST reviews"]);
    expect(events.filter((e) => e.startsWith("wait "))).toEqual(["wait 30000"]);
    expect(github.reviews).toHaveLength(1);
    expect(github.completions()).toHaveLength(1);
  });
});
