import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.js";
import type { JobRequest } from "../../src/pipeline/types.js";
import { InProcessQueue } from "../../src/queue/memory.js";
import type { JobCancelled } from "../../src/queue/types.js";

let n = 0;
function request(pr: number, headSha: string, extra: Partial<JobRequest> = {}): JobRequest {
  return {
    id: `job-${++n}`,
    trigger: "pull_request",
    repo: { owner: "acme", name: "shop", cloneUrl: "file:///dev/null", defaultBranch: "main" },
    pr: { number: pr, headSha },
    mode: "incremental",
    ...extra,
  };
}

/** A worker whose jobs finish only when the test says so, recording how each one ended. */
function controllableWorker() {
  const started: JobRequest[] = [];
  const ended: { id: string; how: string }[] = [];
  const release = new Map<string, () => void>();
  const worker = async (req: JobRequest, signal: AbortSignal) => {
    started.push(req);
    await new Promise<void>((resolve) => {
      release.set(req.id, resolve);
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    ended.push({ id: req.id, how: signal.aborted ? (signal.reason as JobCancelled).reason : "finished" });
  };
  return { worker, started, ended, finish: (id: string) => release.get(id)?.() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("InProcessQueue", () => {
  it("runs a delivery once when it is redelivered", async () => {
    const w = controllableWorker();
    const q = new InProcessQueue({ concurrency: 2, worker: w.worker, log: silentLogger() });
    expect(q.enqueue(request(1, "a", { deliveryId: "d1" })).status).toBe("queued");
    expect(q.enqueue(request(1, "a", { deliveryId: "d1" }))).toMatchObject({ status: "duplicate" });
    await tick();
    w.finish(w.started[0]!.id);
    await q.idle();
    expect(w.started).toHaveLength(1);
  });

  it("treats the same PR and head SHA already running as a duplicate, even from another delivery", async () => {
    const w = controllableWorker();
    const q = new InProcessQueue({ concurrency: 2, worker: w.worker, log: silentLogger() });
    q.enqueue(request(1, "a", { deliveryId: "d1" }));
    await tick();
    expect(q.enqueue(request(1, "a", { deliveryId: "d2" }))).toMatchObject({ status: "duplicate", reason: expect.stringContaining("already running") });
    w.finish(w.started[0]!.id);
    await q.idle();
  });

  it("a newer head SHA aborts the running job (superseded) and replaces queued ones; the newest runs last", async () => {
    const w = controllableWorker();
    const q = new InProcessQueue({ concurrency: 1, worker: w.worker, log: silentLogger() });
    const first = request(7, "sha1");
    q.enqueue(first);
    await tick();
    const second = request(7, "sha2");
    const third = request(7, "sha3");
    expect(q.enqueue(second)).toMatchObject({ status: "queued", superseded: [first.id] });
    expect(q.enqueue(third)).toMatchObject({ status: "queued", superseded: [second.id] });
    await tick();
    await tick();
    expect(w.ended).toEqual([{ id: first.id, how: "superseded" }]);
    expect(w.started.map((r) => r.pr.headSha)).toEqual(["sha1", "sha3"]);
    w.finish(third.id);
    await q.idle();
    expect(w.ended.at(-1)).toEqual({ id: third.id, how: "finished" });
  });

  it("limits concurrency across PRs and runs one job per PR at a time", async () => {
    const w = controllableWorker();
    const q = new InProcessQueue({ concurrency: 2, worker: w.worker, log: silentLogger() });
    for (const pr of [1, 2, 3]) q.enqueue(request(pr, `h${pr}`));
    q.enqueue(request(1, "h1", { mode: "step", step: "test" }));
    await tick();
    expect(w.started.map((r) => r.pr.number)).toEqual([1, 2]);
    expect(q.snapshot().map((s) => [s.request.pr.number, s.state])).toEqual([
      [1, "running"],
      [2, "running"],
      [3, "queued"],
      [1, "queued"],
    ]);
    w.finish(w.started[0]!.id);
    await tick();
    await tick();
    // PR 1's second job waits for nothing else of PR 1; PR 3 takes the free slot first (FIFO).
    expect(w.started.map((r) => r.pr.number)).toEqual([1, 2, 3]);
    for (const r of w.started) w.finish(r.id);
    await tick();
    await tick();
    for (const r of w.started) w.finish(r.id);
    await q.idle();
    expect(w.started).toHaveLength(4);
  });

  it("on shutdown stops intake, aborts running jobs with reason shutdown and reports queued ones as dropped", async () => {
    const w = controllableWorker();
    const dropped: string[] = [];
    const q = new InProcessQueue({
      concurrency: 1,
      worker: w.worker,
      log: silentLogger(),
      onDropped: async (req, reason) => {
        dropped.push(`${req.pr.number}:${reason}`);
      },
    });
    q.enqueue(request(1, "a"));
    q.enqueue(request(2, "b"));
    await tick();
    await q.shutdown();
    expect(w.ended).toEqual([{ id: w.started[0]!.id, how: "shutdown" }]);
    expect(dropped).toEqual(["2:shutdown"]);
    expect(q.enqueue(request(3, "c"))).toMatchObject({ status: "rejected" });
  });

  it("keeps going when a worker throws", async () => {
    const q = new InProcessQueue({
      concurrency: 1,
      worker: async (req) => {
        if (req.pr.number === 1) throw new Error("boom");
      },
      log: silentLogger(),
    });
    q.enqueue(request(1, "a"));
    q.enqueue(request(2, "b"));
    await q.idle();
    expect(q.snapshot()).toEqual([]);
  });
});
