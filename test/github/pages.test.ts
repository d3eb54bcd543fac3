import { Octokit } from "@octokit/rest";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { iterateComments } from "../../src/github/commands/comment.js";
import type { GitHubClient } from "../../src/github/octokit.js";
import { readPullState } from "../../src/github/state/store.js";
import { renderState } from "../../src/github/state/codec.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const client = () => new Octokit({ auth: "ghs_test", log: quiet }) as unknown as GitHubClient;
const comments = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: from + i, body: `comment ${from + i}`, user: { login: "someone", type: "User" } }));
const listing = (page: number) => nock("https://api.github.com").get("/repos/o/r/issues/7/comments").query({ per_page: "100", page: String(page) });

describe("paginated comment listings", () => {
  it("reads page after page until a short page, oldest first", async () => {
    listing(1).reply(200, comments(1, 100));
    listing(2).reply(200, comments(101, 3));
    const ids: number[] = [];
    for await (const c of iterateComments(client(), { owner: "o", name: "r" }, "issue", 7)) ids.push(c.id);
    expect(ids).toEqual(Array.from({ length: 103 }, (_, i) => i + 1));
  });

  it("stops at maxPages", async () => {
    listing(1).reply(200, comments(1, 100));
    listing(2).reply(200, comments(101, 100));
    const ids: number[] = [];
    for await (const c of iterateComments(client(), { owner: "o", name: "r" }, "issue", 7, { maxPages: 2 })) ids.push(c.id);
    expect(ids).toHaveLength(200);
  });

  it("the state read stops at the page holding the app's state comment (no later page is fetched)", async () => {
    const own = { id: 150, body: renderState({ version: 1, ignored: [{ rule: "otp/impl-true", by: "octocat", at: "2025-03-01T10:00:00.000Z" }] }), performed_via_github_app: { id: 42 } };
    listing(1).reply(200, comments(1, 100));
    listing(2).reply(200, [...comments(101, 49), own, ...comments(151, 50)]);
    // A third page exists; test/setup.ts fails the test if it is requested (or if it is not, when registered).
    const stored = await readPullState(client(), { owner: "o", name: "r" }, 7, { appId: 42, appSlug: "elixir-agent" });
    expect(stored).toMatchObject({ commentId: 150, state: { ignored: [{ rule: "otp/impl-true" }] } });
  });
});
