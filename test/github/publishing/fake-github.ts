import { execFileSync } from "node:child_process";
import nock from "nock";

export const API = "https://api.github.com";
export const BOT = { login: "elixir-agent[bot]", type: "Bot" };

export interface Call {
  method: string;
  path: string;
  body: any;
  status: number;
}

export interface Fault {
  status: number;
  /** GitHub applied the write although it answered with an error (the 502-after-accept case). */
  applied?: boolean;
  headers?: Record<string, string>;
  message?: string;
  /** Only requests whose body matches; the first matching fault is consumed. */
  when?: (body: any) => boolean;
}

interface Review {
  id: number;
  user: typeof BOT | { login: string; type: string };
  body: string;
  state: string;
  commit_id: string;
}

interface Thread {
  id: string;
  path: string;
  line: number;
  isResolved: boolean;
  isOutdated: boolean;
  comments: { databaseId: number; body: string; reviewId: number; author: { login: string; __typename: string } }[];
}

const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

/**
 * A nock-backed fake of the GitHub endpoints publishing touches, with state (reviews, threads,
 * check runs) that persists across jobs, so several pushes on one PR can be replayed. Every write
 * is checked against GitHub's limits — a body GitHub would reject is answered 422 and recorded in
 * `violations` — and against `forbidden` strings (secrets that must never be posted).
 */
export class FakeGitHub {
  readonly calls: Call[] = [];
  readonly violations: string[] = [];
  readonly reviews: Review[] = [];
  readonly threads: Thread[] = [];
  readonly checkRuns = new Map<number, { head_sha: string; external_id?: string; updates: any[] }>();
  /** Faults to inject, by route key like `POST reviews`; consumed first in, first out. */
  readonly faults = new Map<string, Fault[]>();
  /** Hunks of the PR diff per head SHA: path → [start, end] new-side ranges. */
  private readonly hunks = new Map<string, Map<string, [number, number][]>>();
  private nextId = 1000;
  forbidden: string[] = [];
  onCall: ((call: Call) => void) | undefined;

  constructor(
    readonly owner: string,
    readonly repo: string,
    readonly number: number,
    readonly defaultBranch = "master",
    /** The job gets as far as publishing a review: reading reviews and threads is then required. */
    expectReview = true,
    /** Jobs come through the app (token, config from GitHub), not straight into the pipeline. */
    viaApp = true,
  ) {
    const repoPath = `/repos/${owner}/${repo}`;
    const core = nock(API).persist();
    const optional = nock(API).persist();
    const token = (viaApp ? core : optional).post(/^\/app\/installations\/\d+\/access_tokens$/);
    (viaApp ? token : token.optionally()).reply(201, () => ({
      token: "ghs_faketoken0123456789",
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
      permissions: {},
    }));
    const config = (viaApp ? core : optional).get(`${repoPath}/contents/.github%2Felixir-agent.yml`).query({ ref: defaultBranch });
    (viaApp ? config : config.optionally()).reply(() => this.handle("GET", "config", undefined, () => this.configReply()));
    core.post(`${repoPath}/check-runs`).reply((_uri, body) => this.handle("POST", "check-runs", body, () => this.createCheckRun(body)));
    core.patch(new RegExp(`^${repoPath}/check-runs/\\d+$`)).reply((uri, body) =>
      this.handle("PATCH", "check-run", body, () => this.updateCheckRun(Number(uri.split("/").pop()), body)),
    );
    const reviewScope = expectReview ? core : optional;
    const reviews = reviewScope.get(`${repoPath}/pulls/${number}/reviews`).query(true);
    (expectReview ? reviews : reviews.optionally()).reply((uri) => this.handle("GET", "reviews", undefined, () => this.listReviews(uri)));
    const graphql = reviewScope.post("/graphql");
    (expectReview ? graphql : graphql.optionally()).reply((_uri, body) => this.handle("POST", "graphql", body, () => this.graphql(body)));
    optional.post(`${repoPath}/pulls/${number}/reviews`).optionally().reply((_uri, body) => this.handle("POST", "reviews", body, () => this.createReview(body)));
    optional.patch(new RegExp(`^${repoPath}/pulls/comments/\\d+$`)).optionally().reply((uri, body) =>
      this.handle("PATCH", "comment", body, () => this.editComment(Number(uri.split("/").pop()), body)),
    );
    // Each job reads the PR's conversation comments once for the `/elixir-agent` pause / ignore state.
    optional.get(`${repoPath}/issues/${number}/comments`).query(true).optionally().reply(() => this.handle("GET", "issue-comments", undefined, () => [200, this.issueComments]));
    optional.get(new RegExp(`^${repoPath}/commits/[0-9a-f]+/check-runs`)).optionally().reply((uri) => this.handle("GET", "commit-check-runs", undefined, () => this.listCheckRuns(uri)));
    optional.put(new RegExp(`^${repoPath}/pulls/${number}/reviews/\\d+$`)).optionally().reply((uri, body) =>
      this.handle("PUT", "review", body, () => this.updateReview(Number(uri.split("/").pop()), body)),
    );
    optional.put(new RegExp(`^${repoPath}/pulls/${number}/reviews/\\d+/dismissals$`)).optionally().reply((uri, body) =>
      this.handle("PUT", "dismissal", body, () => this.dismiss(Number(uri.split("/").at(-2)), body)),
    );
  }

  config: string | undefined;
  /** The PR's conversation comments (where `/elixir-agent pause` / `ignore` keep their state). */
  issueComments: unknown[] = [];

  /** Records the PR diff of `head` (computed by git itself) so comment lines can be validated. */
  diffOf(bareDir: string, base: string, head: string): this {
    const text = execFileSync("git", ["diff", "--no-color", "-U3", `${base}...${head}`], { cwd: bareDir, encoding: "utf8" });
    const files = new Map<string, [number, number][]>();
    let path = "";
    for (const line of text.split("\n")) {
      const file = /^\+\+\+ b\/(.*)$/.exec(line);
      if (file) path = file[1]!;
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (hunk) {
        const start = Number(hunk[1]);
        const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
        files.set(path, [...(files.get(path) ?? []), [start, start + count - 1]]);
      }
    }
    this.hunks.set(head, files);
    return this;
  }

  fail(route: string, fault: Fault): this {
    this.faults.set(route, [...(this.faults.get(route) ?? []), fault]);
    return this;
  }

  /** A human resolves the thread of a comment (no fixed marker). */
  resolveAsHuman(threadId: string): void {
    this.thread(threadId).isResolved = true;
  }

  writes(): Call[] {
    return this.calls.filter((c) => c.method !== "GET" && !(c.path === "graphql" && !/^\s*mutation/.test(c.body?.query ?? "")));
  }

  completions(): any[] {
    return this.calls.filter((c) => c.body?.status === "completed" && c.status < 300).map((c) => c.body);
  }

  reviewPosts(): Call[] {
    return this.calls.filter((c) => c.method === "POST" && c.path === "reviews");
  }

  private handle(method: string, path: string, body: any, run: () => [number, any]): [number, any, Record<string, string>] {
    const text = body === undefined ? "" : JSON.stringify(body);
    for (const secret of this.forbidden) if (text.includes(secret)) this.violations.push(`${method} ${path} carries a secret`);
    const faults = this.faults.get(`${method} ${path}`) ?? [];
    const at = faults.findIndex((f) => !f.when || f.when(body));
    const fault = at >= 0 ? faults.splice(at, 1)[0] : undefined;
    const call: Call = { method, path, body, status: 0 };
    this.calls.push(call);
    this.onCall?.(call);
    if (fault) {
      if (fault.applied) run();
      call.status = fault.status;
      return [fault.status, { message: fault.message ?? "fault" }, fault.headers ?? {}];
    }
    const [status, data] = run();
    call.status = status;
    return [status, data, {}];
  }

  private violation(what: string): [number, any] {
    this.violations.push(what);
    return [422, { message: `Validation Failed: ${what}` }];
  }

  private configReply(): [number, any] {
    if (this.config === undefined) return [404, { message: "Not Found" }];
    return [200, { type: "file", encoding: "base64", content: Buffer.from(this.config).toString("base64") }];
  }

  private checkOutput(body: any): string | undefined {
    const out = body.output;
    if (!out) return undefined;
    if (typeof out.title !== "string" || typeof out.summary !== "string") return "output needs title and summary";
    if (out.title.length > 255) return "output.title longer than 255";
    if (byteLength(out.summary) > 65_535) return `summary exceeds a maximum bytesize of 65535 (${byteLength(out.summary)})`;
    if (out.text !== undefined && byteLength(out.text) > 65_535) return "text exceeds 65535 bytes";
    const annotations = out.annotations ?? [];
    if (annotations.length > 50) return `${annotations.length} annotations in one request (max 50)`;
    for (const a of annotations) {
      if (!a.path || !(a.start_line >= 1) || !(a.end_line >= a.start_line)) return "annotation needs path and lines";
      if (!["notice", "warning", "failure"].includes(a.annotation_level)) return `bad annotation level ${a.annotation_level}`;
      if ((a.title ?? "").length > 255) return "annotation title longer than 255";
      if (byteLength(a.message) > 64 * 1024 || byteLength(a.raw_details ?? "") > 64 * 1024) return "annotation text over 64 KB";
    }
    const actions = body.actions ?? [];
    if (actions.length > 3) return "more than 3 actions";
    for (const a of actions) {
      if (a.label.length > 20 || a.description.length > 40 || a.identifier.length > 20) return "action text too long";
    }
    if (body.conclusion !== undefined && body.status !== "completed") return "conclusion without status completed";
    return undefined;
  }

  private createCheckRun(body: any): [number, any] {
    const bad = this.checkOutput(body);
    if (bad) return this.violation(bad);
    if (body.name !== "elixir-agent") return this.violation(`unexpected check name ${body.name}`);
    const id = this.nextId++;
    this.checkRuns.set(id, { head_sha: body.head_sha, external_id: body.external_id, updates: [body] });
    return [201, { id, html_url: `https://github.com/${this.owner}/${this.repo}/runs/${id}` }];
  }

  private updateCheckRun(id: number, body: any): [number, any] {
    const run = this.checkRuns.get(id);
    if (!run) return [404, { message: "Not Found" }];
    const bad = this.checkOutput(body);
    if (bad) return this.violation(bad);
    run.updates.push(body);
    return [200, { id }];
  }

  private listCheckRuns(uri: string): [number, any] {
    const sha = /commits\/([0-9a-f]+)\//.exec(uri)![1]!;
    const runs = [...this.checkRuns.entries()].filter(([, r]) => r.head_sha === sha).map(([id, r]) => ({ id, external_id: r.external_id ?? null }));
    return [200, { total_count: runs.length, check_runs: runs }];
  }

  private listReviews(uri: string): [number, any] {
    const page = Number(new URL(uri, API).searchParams.get("page") ?? "1");
    return [200, page === 1 ? this.reviews : []];
  }

  private createReview(body: any): [number, any] {
    if (!["COMMENT", "REQUEST_CHANGES"].includes(body.event)) return this.violation(`review event ${body.event}`);
    if (typeof body.body !== "string" || byteLength(body.body) > 65_536) return this.violation("review body missing or too long");
    const diff = this.hunks.get(body.commit_id);
    if (!diff) return this.violation(`review on unknown commit ${body.commit_id}`);
    for (const c of body.comments ?? []) {
      if (byteLength(c.body) > 65_536) return this.violation("comment body too long");
      if (c.position !== undefined) return this.violation("deprecated position used");
      if (c.side !== "RIGHT" || (c.start_line !== undefined && c.start_side !== "RIGHT")) return this.violation("comment not on the new side");
      const start = c.start_line ?? c.line;
      if (start > c.line) return this.violation("start_line after line");
      const hunk = (diff.get(c.path) ?? []).find(([a, b]) => start >= a && c.line <= b);
      if (!hunk) return this.violation(`Line could not be resolved: ${c.path}:${start}-${c.line}`);
    }
    const review: Review = { id: this.nextId++, user: BOT, body: body.body, state: body.event === "REQUEST_CHANGES" ? "CHANGES_REQUESTED" : "COMMENTED", commit_id: body.commit_id };
    this.reviews.push(review);
    for (const c of body.comments ?? []) {
      this.threads.push({
        id: `T_${this.nextId++}`,
        path: c.path,
        line: c.line,
        isResolved: false,
        isOutdated: false,
        comments: [{ databaseId: this.nextId++, body: c.body, reviewId: review.id, author: { login: "elixir-agent", __typename: "Bot" } }],
      });
    }
    return [200, { id: review.id, state: review.state }];
  }

  private editComment(id: number, body: any): [number, any] {
    if (byteLength(body.body) > 65_536) return this.violation("edited comment too long");
    const comment = this.threads.flatMap((t) => t.comments).find((c) => c.databaseId === id);
    if (!comment) return [404, { message: "Not Found" }];
    comment.body = body.body;
    return [200, { id }];
  }

  private updateReview(id: number, body: any): [number, any] {
    const review = this.reviews.find((r) => r.id === id);
    if (!review) return [404, { message: "Not Found" }];
    review.body = body.body;
    return [200, { id }];
  }

  private dismiss(id: number, body: any): [number, any] {
    const review = this.reviews.find((r) => r.id === id);
    if (!review || body.event !== "DISMISS" || !body.message) return this.violation("bad dismissal");
    review.state = "DISMISSED";
    return [200, { id, state: "DISMISSED" }];
  }

  private graphql(body: any): [number, any] {
    const query: string = body.query;
    if (/resolveReviewThread/.test(query)) {
      const thread = this.thread(body.variables.threadId);
      thread.isResolved = true;
      return [200, { data: { resolveReviewThread: { thread: { id: thread.id, isResolved: true } } } }];
    }
    if (/reviewThreads/.test(query)) {
      const nodes = this.threads.map((t) => ({
        id: t.id,
        isResolved: t.isResolved,
        isOutdated: t.isOutdated,
        path: t.path,
        comments: {
          nodes: t.comments.slice(0, 1).map((c) => ({
            databaseId: c.databaseId,
            body: c.body,
            author: c.author,
            pullRequestReview: { databaseId: c.reviewId, state: this.reviews.find((r) => r.id === c.reviewId)?.state ?? "COMMENTED" },
          })),
        },
      }));
      return [200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } }];
    }
    return this.violation(`unexpected GraphQL document: ${query.slice(0, 80)}`);
  }

  thread(id: string): Thread {
    const thread = this.threads.find((t) => t.id === id);
    if (!thread) throw new Error(`no thread ${id}`);
    return thread;
  }
}
