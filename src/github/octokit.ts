/**
 * The Octokit surface the publishing side uses: `request` (and `graphql` when present), so a
 * Probot installation client, a plain @octokit/rest client and the dry-run client all fit.
 */
export interface GitHubClient {
  request(route: string, params?: Record<string, unknown>): Promise<{ data: unknown; status: number; headers: Record<string, unknown> }>;
  /** Octokit's GraphQL client (resolves the GHE endpoint correctly); `POST /graphql` otherwise. */
  graphql?: (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
}

/** The HTTP status of an Octokit error, if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** Response headers of an Octokit error, lower-cased keys. */
export function headersOf(error: unknown): Record<string, string> {
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers ?? {};
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/**
 * A failure after which we cannot know whether GitHub applied the write: 5xx, or no response at
 * all (network error, timeout). A retried POST must first look for what the first one created.
 */
export function isAmbiguous(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

/** Disables Octokit's own retry plugin for one request: non-idempotent POSTs retry via us only. */
export const NO_AUTO_RETRY = { request: { retries: 0 } } as const;
