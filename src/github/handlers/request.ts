import { randomUUID } from "node:crypto";
import type { JobRequest, Trigger } from "../../pipeline/types.js";

/** The parts of a webhook payload's repository that a job needs. */
export interface PayloadRepo {
  name: string;
  owner: { login: string };
  clone_url: string;
  default_branch?: string;
}

/** The parts of a webhook payload's pull request that a job needs. */
export interface PayloadPull {
  number: number;
  title?: string;
  body?: string | null;
  draft?: boolean;
  user?: { login: string } | null;
  head: { sha: string; ref: string; repo?: { id: number; full_name?: string } | null };
  base: { sha: string; ref: string; repo?: { id: number; full_name?: string } | null };
}

export function repoOf(repo: PayloadRepo): JobRequest["repo"] {
  return { owner: repo.owner.login, name: repo.name, cloneUrl: repo.clone_url, defaultBranch: repo.default_branch ?? "main" };
}

export function pullOf(pull: PayloadPull): JobRequest["pr"] {
  const fork = pull.head.repo?.id !== undefined && pull.base.repo?.id !== undefined && pull.head.repo.id !== pull.base.repo.id;
  return {
    number: pull.number,
    headSha: pull.head.sha,
    headRef: pull.head.ref,
    baseRef: pull.base.ref,
    baseSha: pull.base.sha,
    ...(pull.title !== undefined ? { title: pull.title } : {}),
    body: pull.body ?? "",
    draft: pull.draft ?? false,
    fork: fork || pull.head.repo === null,
    ...(pull.user ? { author: pull.user.login } : {}),
  };
}

export function newRequest(fields: {
  trigger: Trigger;
  deliveryId?: string;
  installationId?: number;
  repo: JobRequest["repo"];
  pr: JobRequest["pr"];
  mode?: JobRequest["mode"];
  requestedBy?: string;
}): JobRequest {
  return {
    id: randomUUID(),
    trigger: fields.trigger,
    ...(fields.deliveryId !== undefined ? { deliveryId: fields.deliveryId } : {}),
    ...(fields.installationId !== undefined ? { installationId: fields.installationId } : {}),
    repo: fields.repo,
    pr: fields.pr,
    mode: fields.mode ?? "incremental",
    ...(fields.requestedBy !== undefined ? { requestedBy: fields.requestedBy } : {}),
  };
}
