import type { Logger } from "../logger.js";
import { jobKey, type JobRequest } from "../pipeline/types.js";
import { JobCancelled, type DroppedHandler, type EnqueueOutcome, type JobQueue, type JobSnapshot, type Worker } from "./types.js";

export interface InProcessQueueOptions {
  concurrency: number;
  worker: Worker;
  onDropped?: DroppedHandler;
  log: Logger;
  /** How many delivery ids to remember for de-duplication. */
  deliveryMemory?: number;
  now?: () => number;
}

interface Running {
  request: JobRequest;
  controller: AbortController;
  since: number;
  done: Promise<void>;
}

/**
 * In-process queue: bounded concurrency, at most one running job per PR, a newer head SHA
 * supersedes (aborts) the job in flight and replaces anything queued for that PR, duplicate
 * deliveries are dropped.
 */
export class InProcessQueue implements JobQueue {
  private readonly queued: { request: JobRequest; since: number }[] = [];
  private readonly running = new Map<string, Running>();
  private readonly deliveries = new Set<string>();
  private readonly idleWaiters: (() => void)[] = [];
  private stopping = false;

  constructor(private readonly options: InProcessQueueOptions) {}

  enqueue(request: JobRequest): EnqueueOutcome {
    if (this.stopping) return { status: "rejected", reason: "the service is shutting down" };
    if (request.deliveryId !== undefined) {
      if (this.deliveries.has(request.deliveryId)) {
        return { status: "duplicate", reason: `delivery ${request.deliveryId} was already handled` };
      }
      this.rememberDelivery(request.deliveryId);
    }
    const key = jobKey(request);
    const same = (r: JobRequest) => r.pr.headSha === request.pr.headSha && r.mode === request.mode && r.step === request.step;
    const active = this.running.get(key);
    if (active && same(active.request) && !active.controller.signal.aborted) {
      return { status: "duplicate", reason: `a review of ${request.pr.headSha.slice(0, 7)} is already running` };
    }
    if (this.queued.some((q) => jobKey(q.request) === key && same(q.request))) {
      return { status: "duplicate", reason: `a review of ${request.pr.headSha.slice(0, 7)} is already queued` };
    }
    const superseded: string[] = [];
    // A newer head replaces queued work for the PR and aborts the running job for an older head.
    for (let i = this.queued.length - 1; i >= 0; i--) {
      const q = this.queued[i]!;
      if (jobKey(q.request) === key && q.request.pr.headSha !== request.pr.headSha) {
        this.queued.splice(i, 1);
        superseded.push(q.request.id);
      }
    }
    if (active && active.request.pr.headSha !== request.pr.headSha && !active.controller.signal.aborted) {
      active.controller.abort(new JobCancelled("superseded"));
      superseded.push(active.request.id);
    }
    this.queued.push({ request, since: this.now() });
    queueMicrotask(() => this.pump());
    return { status: "queued", superseded };
  }

  snapshot(key?: string): JobSnapshot[] {
    const all: JobSnapshot[] = [
      ...[...this.running.values()].map((r) => ({ request: r.request, state: "running" as const, since: r.since })),
      ...this.queued.map((q) => ({ request: q.request, state: "queued" as const, since: q.since })),
    ];
    return key === undefined ? all : all.filter((s) => jobKey(s.request) === key);
  }

  async shutdown(): Promise<void> {
    this.stopping = true;
    const dropped = this.queued.splice(0);
    const running = [...this.running.values()];
    for (const r of running) r.controller.abort(new JobCancelled("shutdown"));
    await Promise.allSettled([
      ...running.map((r) => r.done),
      ...dropped.map((q) => this.options.onDropped?.(q.request, "shutdown")),
    ]);
  }

  idle(): Promise<void> {
    if (this.running.size === 0 && this.queued.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running.size < this.options.concurrency) {
      // The first queued job whose PR has nothing running (one job per PR at a time).
      const index = this.queued.findIndex((q) => !this.running.has(jobKey(q.request)));
      if (index < 0) break;
      const [{ request }] = this.queued.splice(index, 1) as [{ request: JobRequest; since: number }];
      this.start(request);
    }
    if (this.running.size === 0 && this.queued.length === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private start(request: JobRequest): void {
    const key = jobKey(request);
    const controller = new AbortController();
    const log = this.options.log.child({ job: request.id, key, headSha: request.pr.headSha });
    const done = (async () => {
      try {
        await this.options.worker(request, controller.signal);
      } catch (error) {
        log.error({ err: error }, "job failed outside the pipeline");
      } finally {
        this.running.delete(key);
        if (!this.stopping) this.pump();
        else if (this.running.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    })();
    this.running.set(key, { request, controller, since: this.now(), done });
  }

  private rememberDelivery(id: string): void {
    this.deliveries.add(id);
    const limit = this.options.deliveryMemory ?? 10_000;
    if (this.deliveries.size > limit) {
      const oldest = this.deliveries.values().next().value;
      if (oldest !== undefined) this.deliveries.delete(oldest);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
