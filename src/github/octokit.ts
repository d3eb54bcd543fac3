/**
 * The Octokit surface the publishing side uses: just `request`, so a Probot installation client,
 * a plain @octokit/rest client and the dry-run client all fit.
 */
export interface GitHubClient {
  request(route: string, params?: Record<string, unknown>): Promise<{ data: unknown; status: number; headers: Record<string, unknown> }>;
}
