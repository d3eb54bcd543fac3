/**
 * A `fetch` for Octokit that makes no request: it prints each GitHub call it would make and
 * answers with the smallest plausible response (an empty pull request: no earlier reviews or
 * threads). `elixir-agent replay` runs the app on it, so the printed calls are exactly the check
 * run, annotations, review and thread writes a real run would make.
 */
export function dryRunFetch(print: (line: string) => void): typeof fetch {
  let nextId = 1;
  return async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? "GET").toUpperCase();
    const body = parseBody(init?.body);
    print(`${method} ${decodeURIComponent(url.pathname)}${url.search}${body === undefined ? "" : `\n${indent(JSON.stringify(body, null, 2))}`}`);
    const respond = (status: number, data: unknown) =>
      new Response(status === 204 ? null : JSON.stringify(data), { status, headers: { "content-type": "application/json" } });
    const path = url.pathname;
    if (method === "POST" && /\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return respond(201, { token: "dry-run-token", expires_at: new Date(Date.now() + 3600_000).toISOString() });
    }
    if (method === "GET" && /\/contents\//.test(path)) return respond(404, { message: "Not Found (dry run)" });
    if (method === "POST" && /\/graphql$/.test(path)) return respond(200, graphqlAnswer(body));
    if (method === "GET" && /\/check-runs$/.test(path)) return respond(200, { total_count: 0, check_runs: [] });
    if (method === "GET") return respond(200, /\/pulls$|\/comments$|\/reviews$|\/reactions$/.test(path) ? [] : {});
    if (method === "POST" || method === "PATCH" || method === "PUT") return respond(method === "POST" ? 201 : 200, { id: nextId++ });
    return respond(204, null);
  };
}

/** An empty PR for queries (no earlier threads); mutations answer with an empty payload. */
function graphqlAnswer(body: unknown): unknown {
  const query = typeof body === "object" && body !== null ? String((body as { query?: unknown }).query ?? "") : "";
  if (/^\s*mutation\b/.test(query)) return { data: {} };
  return { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } } };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== "string") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function indent(text: string): string {
  return text.replace(/^/gm, "    ");
}
