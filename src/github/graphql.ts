import type { GitHubClient } from "./octokit.js";

export class GraphqlError extends Error {
  constructor(readonly errors: { message?: string; type?: string }[]) {
    super(`GitHub GraphQL: ${errors.map((e) => e.message ?? e.type ?? "error").join("; ")}`);
    this.name = "GraphqlError";
  }
}

/** Runs a GraphQL document: Octokit's `graphql` when the client has it, `POST /graphql` otherwise. */
export async function graphql<T>(client: GitHubClient, query: string, variables: Record<string, unknown>): Promise<T> {
  if (client.graphql) return (await client.graphql(query, variables)) as T;
  const { data } = await client.request("POST /graphql", { query, variables });
  const body = data as { data?: T; errors?: { message?: string; type?: string }[] };
  if (body.errors && body.errors.length > 0) throw new GraphqlError(body.errors);
  if (body.data === undefined) throw new GraphqlError([{ message: "empty response" }]);
  return body.data;
}
