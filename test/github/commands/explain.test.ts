import { describe, expect, it } from "vitest";
import { RULES } from "../../../src/analyzer/registry.js";
import type { RuleDoc } from "../../../src/github/commands/index.js";
import { commentBody } from "../../../src/github/review/comment-body.js";
import { CommandHarness, ISSUE_COMMENT_ID, OWN, prComment, REVIEW_COMMENT_ID, reviewComment } from "./harness.js";

/** The analyzer's real rule, as its registry has it. */
const IMPL_TRUE = RULES.find((r) => r.id === "otp/impl-true")!;
/** An extra rule a caller may add (e.g. a plugin): `commands.rules` replaces the registry. */
const CUSTOM: RuleDoc = { id: "acme/no-io-inspect", checklistItem: "documentation", severity: "info", title: "IO.inspect left in code" };

/** An inline comment exactly as the publisher writes it. */
const INLINE = commentBody(
  { source: "analyzer", rule: "otp/impl-true", checklistItem: "otp-behaviours", severity: "minor", path: "lib/a.ex", line: 3, title: "GenServer callback without @impl true", message: "Add it.", fingerprint: "0123456789abcdef" },
  { exactRange: true, redact: (s) => s },
);
const FOREIGN = INLINE.replace("`otp/impl-true`", "`otp/sleep`");

describe("/elixir-agent explain", () => {
  it("an analyzer rule from the registry: why, how to fix, an example and its checklist item — open to anyone", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", prComment("/elixir-agent explain otp/impl-true", (p) => (p.sender.login = "a-contributor")));

    const reply = gh.replies()[0]!;
    expect(reply).toContain(`### \`otp/impl-true\` — ${IMPL_TRUE.title}`);
    expect(reply).toContain(`**Why it matters.** ${IMPL_TRUE.why}`);
    expect(reply).toContain(`**How to fix it.** ${IMPL_TRUE.fix}`);
    expect(reply).toContain(`\`\`\`elixir\n${IMPL_TRUE.example}`);
    expect(reply).toContain("**Checklist item** `otp-behaviours` (OTP): GenServers and other OTP behaviours implemented correctly.");
    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket"]);
  });

  it("rules given to createApp replace the registry", async () => {
    const gh = new CommandHarness({ commands: { rules: [CUSTOM] } });
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", prComment("/elixir-agent explain acme/no-io-inspect"));
    expect(gh.replies()[0]).toContain("### `acme/no-io-inspect` — IO.inspect left in code");
  });

  it("a credo check links to its documentation", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", prComment("/elixir-agent explain credo/Credo.Check.Readability.ModuleDoc"));
    const reply = gh.replies()[0]!;
    expect(reply).toContain("https://hexdocs.pm/credo/Credo.Check.Readability.ModuleDoc.html");
    expect(reply).toContain("**Checklist item** `credo` (Quality)");
  });

  it("an agent finding explains its checklist item", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", prComment("/elixir-agent explain agent/security-atom-exhaustion"));
    expect(gh.replies()[0]).toContain("A finding of the AI review");
    expect(gh.replies()[0]).toContain("`security-atom-exhaustion`");
  });

  it("an unknown rule gets suggestions and 😕", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", prComment("/elixir-agent explain otp/impl"));
    expect(gh.replies()[0]).toMatch(/I don't know the rule `otp\/impl`\. Did you mean `otp\/[^`]+`(, `otp[^`]+`)*\?/);
    expect(gh.replies()[0]).toContain("`otp/impl-true`");
    expect(gh.reactionsPosted()).toEqual(["eyes", "confused"]);
  });

  it("as a reply in the thread of our inline comment, no argument is needed; the answer stays in the thread", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("review", REVIEW_COMMENT_ID, 2).reviewComments().config();
    gh.api.get("/repos/Codertocat/Hello-World/pulls/comments/100").reply(200, { id: 100, body: INLINE, html_url: "https://github.com/c/h/pull/2#discussion_r100", ...OWN });
    gh.threadReply(100);
    await gh.send("pull_request_review_comment", reviewComment("/elixir-agent explain", (p) => (p.comment.in_reply_to_id = 100)));

    const reply = gh.replies()[0]!;
    expect(reply).toContain("About [this finding](https://github.com/c/h/pull/2#discussion_r100) (`0123456789abcdef`)");
    expect(reply).toContain("### `otp/impl-true`");
    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket"]);
  });

  it("by finding id: looks the id up in our inline comments on the PR", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config();
    gh.reviewComments([
      { id: 1, body: FOREIGN, user: { login: "mallory", type: "User" } },
      // Another app's bot quoting our comment: not ours, since our slug is known.
      { id: 0, body: INLINE, html_url: "https://github.com/c/h/pull/2#discussion_r0", user: { login: "other-app[bot]", type: "Bot" } },
      { id: 2, body: INLINE, html_url: "https://github.com/c/h/pull/2#discussion_r2", ...OWN },
    ]);
    gh.reply();
    await gh.send("issue_comment", prComment("/elixir-agent explain 01234567"));
    expect(gh.replies()[0]).toContain("About [this finding](https://github.com/c/h/pull/2#discussion_r2)");
    expect(gh.replies()[0]).toContain("### `otp/impl-true`");
  });

  it("a bare explain outside a thread of ours asks for a rule", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", prComment("/elixir-agent explain"));
    expect(gh.replies()[0]).toContain("`/elixir-agent explain <finding-id | rule>` needs a rule or finding id here");
  });
});
