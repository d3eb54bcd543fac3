import { describe, expect, it } from "vitest";
import { replyMarker } from "../../../src/github/commands/marker.js";
import { examplePayload } from "../../helpers/probot.js";
import { canonical } from "../../../src/github/commands/grammar.js";
import { CommandHarness, editedPrComment, ISSUE_COMMENT_ID, OWN, prComment } from "./harness.js";

describe("who and what may run commands", () => {
  it("a user without write permission gets a polite refusal and nothing is queued", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "read").reply();
    await gh.send("issue_comment", prComment("/elixir-agent review"));

    expect(gh.reactionsPosted()).toEqual(["eyes", "confused"]);
    expect(gh.replies()[0]).toContain("Sorry, Codertocat: this command needs **write** permission");
    expect(gh.agent.queue!.snapshot()).toEqual([]);
  });

  it("the required level is configurable upward: write is not enough when the repo asks for maintain", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config("commands:\n  permission: maintain\n").permission("Codertocat", "write").reply();
    await gh.send("issue_comment", prComment("/elixir-agent pause"));

    expect(gh.replies()[0]).toContain("needs **maintain** permission");
  });

  it("free commands (status, help, explain) need no permission check", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", prComment("/elixir-agent explain formatted"));

    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket"]);
    expect(gh.replies()[0]).toContain("Code is formatted with mix format");
  });

  it("bots are ignored, this app included: no reaction, no call at all", async () => {
    const gh = new CommandHarness();
    await gh.send("issue_comment", prComment("/elixir-agent review", (p) => (p.comment.user = { ...p.comment.user, login: "renovate[bot]", type: "Bot" })));
    await gh.send(
      "issue_comment",
      prComment("/elixir-agent help", (p) => {
        p.comment.user = { ...p.comment.user, ...OWN.user };
        p.comment.performed_via_github_app = OWN.performed_via_github_app;
        p.sender = { ...p.sender, ...OWN.user };
      }),
      "delivery-2",
    );
    expect(gh.posted).toEqual([]);
  });

  it("a comment on an issue that is not a pull request is ignored", async () => {
    const gh = new CommandHarness();
    const payload = examplePayload("issue_comment", "created", (p) => (p.comment.body = "/elixir-agent review"));
    expect(payload.issue.pull_request).toBeUndefined();
    await gh.send("issue_comment", payload);
    expect(gh.posted).toEqual([]);
  });

  it.each([
    ["a fenced code block", "Run this:\n\n```\n/elixir-agent review\n```\n"],
    ["a tilde fence", "~~~text\n/elixir-agent pause\n~~~"],
    ["a block quote", "> /elixir-agent review\n\nWhy did you run that?"],
    ["the line that continues a quote", "> Did you mean\n/elixir-agent review\n\nNo."],
    ["an indented code block", "Example:\n\n    /elixir-agent review\n"],
    ["inline code", "Type `/elixir-agent review` to review."],
    ["an HTML comment", "<!--\n/elixir-agent review\n-->"],
    ["the middle of a sentence", "Please do not /elixir-agent review yet."],
  ])("a command inside %s does not run", async (_where, body) => {
    const gh = new CommandHarness();
    await gh.send("issue_comment", prComment(body));
    expect(gh.posted).toEqual([]);
  });
});

describe("delivery and edits", () => {
  it("the same delivery twice runs once", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    const payload = prComment("/elixir-agent help");
    await gh.send("issue_comment", payload, "delivery-7");
    await gh.send("issue_comment", payload, "delivery-7");
    expect(gh.replies()).toHaveLength(1);
  });

  it("after a restart, a redelivered command that was already answered gets no second reply", async () => {
    // A new process: nothing in memory, but our reply with its marker is on the PR.
    const answered = { id: 55, body: `> /elixir-agent help\n\n…\n\n${replyMarker(ISSUE_COMMENT_ID, canonical({ name: "help" }))}`, ...OWN };
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 1).issueComments([{ id: 54, body: "unrelated", user: { login: "x", type: "User" } }, answered]);
    await gh.send("issue_comment", prComment("/elixir-agent help"), "delivery-7");
    expect(gh.replies()).toEqual([]);
    expect(gh.reactionsPosted()).toEqual(["eyes"]);
  });

  it("an edit that leaves the command unchanged does not run it again", async () => {
    const gh = new CommandHarness();
    await gh.send("issue_comment", editedPrComment("/elixir-agent rerun test\n\n(typo fixed)", "/elixir-agent  rerun   test\n\n(tpyo)"));
    expect(gh.posted).toEqual([]);
  });

  it("an edit that changes the command runs the new one", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", editedPrComment("/elixir-agent help", "/elixir-agent hlep"));
    expect(gh.replies()[0]).toMatch(/^> \/elixir-agent help/);
  });

  it("an edited-in command runs as the person who edited it, not the comment's author", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config("toolchain:\n  enabled: false\n").permission("Codertocat", "write").reply();
    const payload = editedPrComment("/elixir-agent rerun test", "please re-run the tests");
    payload.comment.user = { ...payload.comment.user, login: "a-reader" };
    await gh.send("issue_comment", payload);
    expect(gh.replies()[0]).toContain("The toolchain is switched off for this repository");
  });

  it("an edit that adds a command to a plain comment runs it", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", editedPrComment("LGTM\n/elixir-agent help", "LGTM"));
    expect(gh.replies()).toHaveLength(1);
  });
});

describe("rate limit per pull request", () => {
  it("the command over the limit gets one reply, later ones only 😕, and the window moves on", async () => {
    let now = Date.parse("2025-01-01T12:00:00Z");
    const gh = new CommandHarness({ commands: { now: () => now } });
    const limit = "commands:\n  rateLimit:\n    count: 2\n    windowMinutes: 10\n";
    const send = (n: number) => gh.send("issue_comment", prComment("/elixir-agent help", (p) => (p.comment.id = 1000 + n)), `d-${n}`);
    const expectCall = (n: number, replies: boolean) => {
      gh.reactions("issue", 1000 + n, 2).issueComments().config(limit);
      if (replies) gh.reply();
    };
    gh.token();
    expectCall(1, true);
    expectCall(2, true);
    expectCall(3, true);
    expectCall(4, false);
    for (const n of [1, 2, 3, 4]) await send(n);

    const replies = gh.replies();
    expect(replies).toHaveLength(3);
    expect(replies[2]).toContain("This pull request had 2 commands in the last 10 minutes");
    expect(replies[2]).toContain("Try again in about 10 minutes");
    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket", "eyes", "rocket", "eyes", "confused", "eyes", "confused"]);

    now += 10 * 60_000;
    expectCall(5, true);
    await send(5);
    expect(gh.replies()[3]).toContain("| command | what it does | example |");
  });

  it("limits are per pull request", async () => {
    const gh = new CommandHarness();
    const limit = "commands:\n  rateLimit:\n    count: 1\n";
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 4).issueComments().config(limit).reply().issueComments([], 3).config(limit).reply(3);
    await gh.send("issue_comment", prComment("/elixir-agent help"), "a");
    await gh.send("issue_comment", prComment("/elixir-agent help", (p) => (p.issue.number = 3)), "b");
    expect(gh.replies()).toHaveLength(2);
    expect(gh.replies().every((r) => r.includes("| command |"))).toBe(true);
  });
});

describe("repository switches", () => {
  it("commands switched off in the config: one reply says so", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config("commands:\n  enabled: false\n").reply();
    await gh.send("issue_comment", prComment("/elixir-agent review"));
    expect(gh.replies()[0]).toContain("`commands.enabled: false`");
    expect(gh.reactionsPosted()).toEqual(["eyes", "confused"]);
  });

  it("an invalid config names the problem instead of running on defaults", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config("commands:\n  rateLimit:\n    count: 0\n").reply();
    await gh.send("issue_comment", prComment("/elixir-agent review"));
    expect(gh.replies()[0]).toContain("I can't run commands until the configuration is fixed");
    expect(gh.replies()[0]).toContain("commands.rateLimit.count");
  });
});
