import type { GitHubClient } from "./octokit.js";

/**
 * The items of a REST list endpoint, oldest page first, 100 a page, until a short page or
 * `maxPages`. A caller that stops early (`break`, `return`) makes no further request.
 */
export async function* iterateList<T>(github: GitHubClient, route: string, params: Record<string, unknown>, maxPages: number): AsyncGenerator<T> {
  for (let page = 1; page <= maxPages; page++) {
    const { data } = await github.request(route, { ...params, per_page: 100, page });
    const items = data as T[];
    yield* items;
    if (items.length < 100) return;
  }
}
