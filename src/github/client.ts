import type { WriteLimiter } from "./limiter.js";
import type { GitHubClient } from "./octokit.js";

/**
 * Wraps a client so that every write (POST/PATCH/PUT/DELETE, GraphQL mutations) goes through the
 * installation's limiter, and every string in a write's parameters passes the redactor — the last
 * line of defence: renderers redact too, but nothing can leave unredacted by forgetting it.
 */
export function publishingClient(client: GitHubClient, limiter: WriteLimiter, redact: (text: string) => string): GitHubClient {
  const wrapped: GitHubClient = {
    request(route, params) {
      if (!isWrite(route, params)) return client.request(route, params);
      const clean = redactDeep(params ?? {}, redact) as Record<string, unknown>;
      return limiter.schedule(() => client.request(route, clean));
    },
  };
  const graphql = client.graphql?.bind(client);
  if (graphql) {
    wrapped.graphql = (query, variables) => {
      if (!isMutation(query)) return graphql(query, variables);
      const clean = redactDeep(variables ?? {}, redact) as Record<string, unknown>;
      return limiter.schedule(() => graphql(query, clean));
    };
  }
  return wrapped;
}

function isWrite(route: string, params: Record<string, unknown> | undefined): boolean {
  const method = route.split(" ", 1)[0]!.toUpperCase();
  if (method === "GET" || method === "HEAD") return false;
  if (/^POST \/graphql$/i.test(route)) return isMutation(String(params?.query ?? ""));
  return true;
}

function isMutation(query: string): boolean {
  return /^\s*mutation\b/.test(query.replace(/^\s*#.*$/gm, ""));
}

/** Applies `redact` to every string inside plain objects and arrays. */
export function redactDeep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)]));
  }
  return value;
}
