import type { JobRequest } from "../pipeline/types.js";

/** Why a running job's AbortSignal fired. */
export type CancelReason = "superseded" | "shutdown";

export class JobCancelled extends Error {
  constructor(readonly reason: CancelReason) {
    super(reason === "superseded" ? "superseded by a newer push" : "the service is shutting down");
    this.name = "JobCancelled";
  }
}

export type EnqueueOutcome =
  | { status: "queued"; superseded: string[] }
  | { status: "duplicate"; reason: string }
  | { status: "rejected"; reason: string };

export interface JobSnapshot {
  request: JobRequest;
  state: "queued" | "running";
  since: number;
}

/**
 * Runs the review for a request. Receives an AbortSignal whose `reason` is a JobCancelled; it must
 * complete its own check run honestly when aborted.
 */
export type Worker = (request: JobRequest, signal: AbortSignal) => Promise<void>;

/** Called for queued jobs that never started because the service stopped. */
export type DroppedHandler = (request: JobRequest, reason: CancelReason) => Promise<void>;

/**
 * The queue contract. The in-process backend is the default; a distributed backend (Redis,
 * SQS …) implements the same interface: requests are plain JSON, the worker is the same function.
 */
export interface JobQueue {
  /** Never waits for work: handlers call this and return. */
  enqueue(request: JobRequest): EnqueueOutcome;
  /** What is queued or running for a PR key (`owner/repo#n`). */
  snapshot(key?: string): JobSnapshot[];
  /** Stops intake, aborts running jobs (reason `shutdown`) and waits for them to finish. */
  shutdown(): Promise<void>;
  /** Resolves when nothing is queued or running (tests, CLI). */
  idle(): Promise<void>;
}
