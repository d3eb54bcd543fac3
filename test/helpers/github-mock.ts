import nock from "nock";

export const API = "https://api.github.com";

export interface RecordedCall {
  method: string;
  path: string;
  body: any;
}

/**
 * A nock-backed fake of the GitHub endpoints a review touches, recording every request body.
 * Check-run updates are persistent (progress updates are throttled by time, so their count is not
 * fixed); everything else is exact.
 */
export class GitHubMock {
  readonly calls: RecordedCall[] = [];
  readonly scope = nock(API);
  private nextCheckRunId = 100;

  constructor(
    readonly owner: string,
    readonly repo: string,
  ) {}

  installationToken(installationId = 1, token = "ghs_testtoken0123456789"): this {
    this.scope
      .post(`/app/installations/${installationId}/access_tokens`)
      .reply(201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} });
    return this;
  }

  /** `.github/elixir-agent.yml` on the default branch, read `times` times (404 when `yaml` is undefined). */
  config(yaml: string | undefined, times = 1, ref = "master"): this {
    const path = `/repos/${this.owner}/${this.repo}/contents/.github%2Felixir-agent.yml`;
    const interceptor = this.scope.get(path).query({ ref }).times(times);
    if (yaml === undefined) interceptor.reply(404, { message: "Not Found" });
    else interceptor.reply(200, { type: "file", encoding: "base64", content: Buffer.from(yaml).toString("base64") });
    return this;
  }

  /** `times` check runs get created; each gets a fresh id. */
  checkRuns(times = 1): this {
    this.scope
      .post(`/repos/${this.owner}/${this.repo}/check-runs`, (body) => {
        this.calls.push({ method: "POST", path: "check-runs", body });
        return true;
      })
      .times(times)
      .reply(201, () => ({ id: this.nextCheckRunId++ }));
    this.scope
      .persist()
      .patch(new RegExp(`^/repos/${this.owner}/${this.repo}/check-runs/\\d+$`), (body) => {
        this.calls.push({ method: "PATCH", path: "check-run", body });
        return true;
      })
      .reply(200, {});
    this.emptyPull();
    return this;
  }

  /**
   * Publishing reads the PR's earlier reviews and review threads before deciding what to post:
   * answer "none" (optional — a job that stops before publishing never asks).
   */
  emptyPull(): this {
    const scope = nock(API).persist();
    scope.get(new RegExp(`^/repos/${this.owner}/${this.repo}/pulls/\\d+/reviews`)).optionally().reply(200, []);
    // The review itself, when the change has findings worth an inline comment (recorded).
    scope
      .post(new RegExp(`^/repos/${this.owner}/${this.repo}/pulls/\\d+/reviews$`), (body) => {
        this.calls.push({ method: "POST", path: "review", body });
        return true;
      })
      .optionally()
      .reply(200, () => ({ id: this.nextCheckRunId++ }));
    scope
      .post("/graphql")
      .optionally()
      .reply(200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } } });
    return this;
  }

  /**
   * The PR's conversation comments, which each job reads once (after config) for the
   * `/elixir-agent` pause / ignore state comment: none by default.
   */
  pullState(number = 1, comments: unknown[] = [], times = 1): this {
    this.scope.get(`/repos/${this.owner}/${this.repo}/issues/${number}/comments`).query(true).times(times).reply(200, comments as nock.Body);
    return this;
  }

  pull(number: number, pull: unknown): this {
    this.scope.get(`/repos/${this.owner}/${this.repo}/pulls/${number}`).reply(200, pull as nock.Body);
    return this;
  }

  /** The final state of every check run, in creation order. */
  completions(): any[] {
    return this.calls.filter((c) => c.body?.status === "completed").map((c) => c.body);
  }
}
