import { TEST_CACHE_DIR } from "../../helpers/test-cache.js";
import nock from "nock";
import { createApp, type AppOptions, type ElixirAgentApp } from "../../../src/app.js";
import { loadSettings } from "../../../src/settings.js";
import { API, GitHubMock } from "../../helpers/github-mock.js";
import { examplePayload, testProbot, TEST_APP_ID } from "../../helpers/probot.js";

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const PR = 2;
export const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const base = `/repos/${OWNER}/${REPO}`;

/** Our app's bot user as GitHub shows it on comments the app wrote. */
export const OWN = { user: { login: "elixir-agent[bot]", type: "Bot" }, performed_via_github_app: { id: TEST_APP_ID } };

export interface Recorded {
  method: string;
  path: string;
  body: any;
}

/**
 * The app with nock standing in for GitHub: helpers register the calls a command is expected to
 * make and record what it posted. Every registered call must happen (test/setup.ts checks).
 */
export class CommandHarness {
  readonly api = nock(API);
  readonly posted: Recorded[] = [];
  readonly agent: ElixirAgentApp;
  /** The endpoints every GitHub test shares (token, config, PR, its conversation comments). */
  private readonly github = new GitHubMock(OWNER, REPO);
  private readonly probot = testProbot();
  private loaded: Promise<void> | undefined;

  constructor(options: Partial<AppOptions> = {}) {
    this.agent = createApp({ settings: { ...loadSettings({}), cacheDir: TEST_CACHE_DIR }, appId: TEST_APP_ID, appSlug: "elixir-agent", secrets: [], limiter: { minIntervalMs: 0 }, ...options });
  }

  token(): this {
    this.github.installationToken();
    return this;
  }

  config(yaml?: string): this {
    this.github.config(yaml);
    return this;
  }

  /** The reactions a comment gets, recorded in order. */
  reactions(kind: "issue" | "review", commentId: number, times: number): this {
    const path = kind === "issue" ? `${base}/issues/comments/${commentId}/reactions` : `${base}/pulls/comments/${commentId}/reactions`;
    this.api
      .post(path, (body) => this.record("POST", "reaction", body))
      .times(times)
      .reply(201, {});
    return this;
  }

  /** One listing of the PR's conversation comments (redelivery check, state read). */
  issueComments(comments: unknown[] = [], number = PR): this {
    this.github.pullState(number, comments);
    return this;
  }

  reviewComments(comments: unknown[] = [], number = PR): this {
    this.api.get(`${base}/pulls/${number}/comments`).query(true).reply(200, comments as nock.Body);
    return this;
  }

  /** A reply in the PR conversation. */
  reply(number = PR): this {
    this.api.post(`${base}/issues/${number}/comments`, (body) => this.record("POST", "reply", body)).reply(201, { id: 9000 });
    return this;
  }

  /** A reply in a review thread. */
  threadReply(rootId: number, number = PR): this {
    this.api.post(`${base}/pulls/${number}/comments/${rootId}/replies`, (body) => this.record("POST", "reply", body)).reply(201, { id: 9001 });
    return this;
  }

  /** The state comment written: created (POST) or edited (PATCH). */
  stateWrite(existingId?: number, number = PR): this {
    if (existingId === undefined) this.api.post(`${base}/issues/${number}/comments`, (body) => this.record("POST", "state", body)).reply(201, { id: 777 });
    else this.api.patch(`${base}/issues/comments/${existingId}`, (body) => this.record("PATCH", "state", body)).reply(200, { id: existingId });
    return this;
  }

  permission(username: string, permission: "admin" | "write" | "read" | "none", roleName: string = permission): this {
    const flags = { admin: permission === "admin", maintain: roleName === "maintain", push: permission === "admin" || permission === "write", triage: false, pull: permission !== "none" };
    this.api.get(`${base}/collaborators/${username}/permission`).reply(200, { permission, role_name: roleName, user: { login: username, permissions: flags } });
    return this;
  }

  pull(edit?: (pull: any) => void, number = PR): this {
    const pull = examplePayload("pull_request", "opened").pull_request;
    pull.number = number;
    edit?.(pull);
    this.github.pull(number, pull);
    return this;
  }

  /** Our check runs on a commit (the last review). */
  checkRunsOn(sha: string, runs: unknown[]): this {
    this.api
      .get(`${base}/commits/${sha}/check-runs`)
      .query((q) => q.check_name === "elixir-agent" && q.app_id === String(TEST_APP_ID))
      .reply(200, { total_count: runs.length, check_runs: runs as nock.Body });
    return this;
  }

  /** Loads the app into Probot (the queue and the command runner exist from then on). */
  async load(): Promise<this> {
    this.loaded ??= this.probot.load(this.agent.appFn);
    await this.loaded;
    return this;
  }

  /** Delivers a webhook and waits until its commands are answered. */
  async send(name: "issue_comment" | "pull_request_review_comment" | "pull_request", payload: unknown, id = "delivery-1"): Promise<void> {
    await this.load();
    await this.probot.receive({ id, name, payload } as any);
    await this.agent.commands!.idle();
  }

  replies(): string[] {
    return this.posted.filter((p) => p.path === "reply").map((p) => p.body.body as string);
  }

  reactionsPosted(): string[] {
    return this.posted.filter((p) => p.path === "reaction").map((p) => p.body.content as string);
  }

  private record(method: string, path: string, body: any): boolean {
    this.posted.push({ method, path, body });
    return true;
  }
}

/** An `issue_comment` on PR #2 by Codertocat (the real example payload, made a PR comment). */
export function prComment(body: string, edit?: (payload: any) => void): any {
  return examplePayload("issue_comment", "created", (p) => {
    p.issue.number = PR;
    p.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${PR}` };
    p.comment.body = body;
    edit?.(p);
  });
}

export function editedPrComment(body: string, from: string): any {
  return examplePayload("issue_comment", "edited", (p) => {
    p.issue.number = PR;
    p.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${PR}` };
    p.comment.body = body;
    p.changes = { body: { from } };
  });
}

/** A `pull_request_review_comment` on PR #2 (the real example payload). */
export function reviewComment(body: string, edit?: (payload: any) => void): any {
  return examplePayload("pull_request_review_comment", "created", (p) => {
    p.comment.body = body;
    edit?.(p);
  });
}

export const ISSUE_COMMENT_ID = 492700400;
export const REVIEW_COMMENT_ID = 284312630;
