import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderHelp } from "../../../src/github/commands/help.js";
import { COMMANDS } from "../../../src/github/commands/spec.js";
import { CommandHarness, ISSUE_COMMENT_ID, prComment } from "./harness.js";

function readmeSection(): string {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const match = /<!-- BEGIN commands -->([\s\S]*?)<!-- END commands -->/.exec(readme);
  if (!match) throw new Error("README.md has no commands section");
  return match[1]!;
}

describe("/elixir-agent help", () => {
  it("answers with the command table: 👀 at once, one reply with a hidden marker, then 🚀", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", prComment("Thanks!\n\n/elixir-agent help"));

    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket"]);
    const [reply] = gh.replies();
    expect(reply).toContain(renderHelp());
    expect(reply).toMatch(/^> \/elixir-agent help\n/);
    expect(reply).toMatch(new RegExp(`<!-- elixir-agent:reply comment=${ISSUE_COMMENT_ID} command=[0-9a-f]{16} -->$`));
  });

  it("an unknown command gets a short reply with the help, and 😕", async () => {
    const gh = new CommandHarness().token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();
    await gh.send("issue_comment", prComment("/elixir-agent deploy production"));

    expect(gh.reactionsPosted()).toEqual(["eyes", "confused"]);
    const [reply] = gh.replies();
    expect(reply).toContain("I don't know the command `deploy`.");
    expect(reply).toContain(renderHelp());
  });

  it("the README's commands section contains exactly the help output, and an example for every command", () => {
    const section = readmeSection();
    expect(section).toContain(renderHelp());
    for (const spec of Object.values(COMMANDS)) expect(section).toContain(`/elixir-agent ${spec.example}`);
  });
});
