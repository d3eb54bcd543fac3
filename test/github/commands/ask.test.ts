import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { loadSettings } from "../../../src/settings.js";
import { TestRepo } from "../../helpers/git-repo.js";
import { API as ANTHROPIC, textMessage } from "../../agent/helpers.js";
import { CommandHarness, HEAD, ISSUE_COMMENT_ID, PR, prComment, REVIEW_COMMENT_ID, reviewComment } from "./harness.js";

const API_KEY = "sk-ant-api03-commands-test-0123456789abcdef";

/** The PR's diff as GitHub serves it (`Accept: application/vnd.github.diff`), from a real repository. */
function realDiff(): { text: string; cleanup: () => void } {
  const repo = new TestRepo();
  repo.write({ "lib/cache.ex": "defmodule Cache do\n  use GenServer\nend\n" });
  const base = repo.commit("base");
  repo.write({ "lib/cache.ex": "defmodule Cache do\n  use GenServer\n\n  def handle_call(:get, _from, state) do\n    Process.sleep(5_000)\n    {:reply, state, state}\n  end\nend\n" });
  repo.commit("head");
  return { text: repo.git("diff", base, "HEAD"), cleanup: () => repo.cleanup() };
}

function answerFromClaude(text: string, status = 200) {
  const bodies: any[] = [];
  nock(ANTHROPIC)
    .post("/v1/messages", (body) => {
      bodies.push(body);
      return true;
    })
    .reply(status, status === 200 ? textMessage(text) : { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
  return bodies;
}

const withKey = () => ({ settings: { ...loadSettings({}), anthropicApiKey: API_KEY }, secrets: [API_KEY] });

describe("/elixir-agent ask", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("without ANTHROPIC_API_KEY: a clear reply that answers are unavailable, and no diff is fetched", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write").reply();
    await gh.send("issue_comment", prComment("/elixir-agent ask Why is this slow?"));
    expect(gh.replies()[0]).toContain("I can't answer questions right now: no ANTHROPIC_API_KEY is configured for this app.");
    expect(gh.reactionsPosted()).toEqual(["eyes", "confused"]);
  });

  it("answers from the diff and the last review, in the review thread, with mentions and hidden markers defused", async () => {
    const diff = realDiff();
    cleanups.push(diff.cleanup);
    const gh = new CommandHarness(withKey());
    gh.token().reactions("review", REVIEW_COMMENT_ID, 2).reviewComments().config().permission("Codertocat", "write").pull();
    gh.checkRunsOn(HEAD, [{ id: 5, status: "completed", conclusion: "failure", started_at: "2025-03-01T10:00:00Z", app: { id: 2 }, output: { title: "1 test failed", summary: "CacheTest: test get times out" } }]);
    gh.api.get(`/repos/Codertocat/Hello-World/pulls/${PR}`).matchHeader("accept", "application/vnd.github.diff").reply(200, diff.text);
    gh.threadReply(REVIEW_COMMENT_ID);
    const sent = answerFromClaude(`\`Process.sleep/1\` blocks the GenServer, @octocat. <!-- elixir-agent:state:v1 e30 --> Key: ${API_KEY}`);

    await gh.send("pull_request_review_comment", reviewComment("/elixir-agent ask Why does get/0 time out?\nIt used to be fast."));

    const reply = gh.replies()[0]!;
    expect(reply).toContain("`Process.sleep/1` blocks the GenServer, `@octocat`.  Key: [REDACTED");
    expect(reply).not.toContain("elixir-agent:state");
    expect(reply).not.toContain(API_KEY);
    expect(reply).toContain("<sub>Answered by `claude-sonnet-5-5` from the diff of `ec26c3e` and the last review.");
    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket"]);

    const prompt = JSON.stringify(sent[0]);
    expect(prompt).toContain("Why does get/0 time out?\\nIt used to be fast.");
    expect(prompt).toContain("Process.sleep(5_000)");
    expect(prompt).toContain("CacheTest: test get times out");
    expect(prompt).toContain("review thread on README.md:\\n@@ -1 +1 @@");
  });

  it("an API failure is a plain reply, not a crash", async () => {
    const gh = new CommandHarness(withKey());
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write").pull().checkRunsOn(HEAD, []);
    gh.api.get(`/repos/Codertocat/Hello-World/pulls/${PR}`).matchHeader("accept", "application/vnd.github.diff").reply(406, { message: "Sorry, the diff exceeded the maximum number of files (300)." });
    gh.reply();
    answerFromClaude("", 401);
    await gh.send("issue_comment", prComment("/elixir-agent ask what changed?"));
    expect(gh.replies()[0]).toContain("I can't answer questions right now: the Anthropic API refused the key (401).");
    expect(gh.reactionsPosted()).toEqual(["eyes", "confused"]);
  });
});
