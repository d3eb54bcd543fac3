import { afterEach, describe, expect, it } from "vitest";
import { parseFindingMarker, parseReviewMarker } from "../../../src/github/review/markers.js";
import { fakeGitHub, PullScenario, startApp } from "./scenario.js";
import { analyzerStages } from "./stages.js";

const filler = Array.from({ length: 24 }, (_, i) => `  def f${i}, do: ${i}\n`).join("");
const module = (top: string, lookup: string) =>
  `defmodule Demo do\n  @moduledoc "Demo."\n${top}\n  def greet(name), do: "Hello #{name}"\n${lookup}\n${filler}\n  def legacy do\n    IO.inspect(:legacy)\n  end\nend\n`;
const lookupV1 = `  def lookup(params) do\n    key = String.to_atom(params["key"])\n    IO.inspect(key)\n    {:ok, key}\n  end\n`;
const lookupV3 = `  def lookup(params) do\n    key = String.to_atom(params["key"])\n    {:ok, key}\n  end\n`;
const lookupV4 = `  def lookup(params) do\n    key = String.to_existing_atom(params["key"])\n    {:ok, key}\n  end\n`;
const shifted = `\n  @doc false\n  def version, do: 1\n`;

const CONFIG = "toolchain:\n  enabled: false\ngate:\n  analyzer: major\nreview:\n  requestChanges: true\n";

describe("the PR review across pushes", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("comments once, repeats nothing on a shifted push, resolves what was fixed, withdraws the change request when the gate passes", async () => {
    const pr = new PullScenario({ "lib/demo.ex": module("", "") });
    cleanups.push(() => pr.cleanup());
    const github = fakeGitHub();
    github.config = CONFIG;
    const app = await startApp({ stages: analyzerStages });

    // Push 1: two new problems in the diff, one old one outside it.
    const head1 = pr.push({ "lib/demo.ex": module("", lookupV1) });
    github.diffOf(pr.remote.dir, pr.base, head1);
    await app.receive(pr.payload("opened", head1));

    expect(github.violations).toEqual([]);
    const [post1] = github.reviewPosts();
    expect(post1!.body.event).toBe("REQUEST_CHANGES");
    expect(post1!.body.commit_id).toBe(head1);
    const comments = post1!.body.comments.map((c: any) => ({ path: c.path, line: c.line, side: c.side, rule: /`([^`]+)`/.exec(c.body)![1] }));
    expect(comments).toEqual([
      { path: "lib/demo.ex", line: 6, side: "RIGHT", rule: "security/string-to-atom" },
      { path: "lib/demo.ex", line: 7, side: "RIGHT", rule: "debug/io-inspect" },
    ]);
    expect(post1!.body.comments[0].body).toContain("```suggestion\n    key = String.to_existing_atom(params[\"key\"])\n```");
    expect(post1!.body.comments[1].body).toContain("```suggestion\n```");
    expect(parseReviewMarker(post1!.body.body)).toMatchObject({ headSha: head1, fingerprints: expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{16}$/)]) });
    const run1 = github.completions()[0];
    expect(run1.conclusion).toBe("failure");
    expect(run1.output.summary).toContain("Requested changes with 2 new inline comments.");
    expect(run1.output.summary).toMatch(/`lib\/demo\.ex:\d+` \| analyzer \| Leftover IO\.inspect\/1 \(`debug\/io-inspect`\) \| line outside the diff \|/);

    // Push 2: the same findings on shifted lines — nothing new is posted, nothing is resolved.
    const writesBefore = github.writes().length;
    const head2 = pr.push({ "lib/demo.ex": module(shifted, lookupV1) });
    github.diffOf(pr.remote.dir, pr.base, head2);
    await app.receive(pr.payload("synchronize", head2));

    expect(github.violations).toEqual([]);
    expect(github.reviewPosts()).toHaveLength(1);
    const push2Writes = github.writes().slice(writesBefore).map((c) => `${c.method} ${c.path}`);
    expect(push2Writes.every((w) => w === "POST check-runs" || w === "PATCH check-run")).toBe(true);
    const run2 = github.completions()[1];
    expect(run2.output.summary).toContain("2 finding(s) already have an open comment: not repeated.");
    expect(github.threads.every((t) => !t.isResolved)).toBe(true);

    // Push 3: the IO.inspect is removed — its thread is marked fixed and resolved, the other stays.
    const head3 = pr.push({ "lib/demo.ex": module(shifted, lookupV3) });
    github.diffOf(pr.remote.dir, pr.base, head3);
    await app.receive(pr.payload("synchronize", head3));

    expect(github.violations).toEqual([]);
    expect(github.reviewPosts()).toHaveLength(1);
    const [atomThread, inspectThread] = github.threads;
    expect(inspectThread!.isResolved).toBe(true);
    expect(inspectThread!.comments[0]!.body).toMatch(new RegExp(`^<!-- elixir-agent:fixed sha=${head3} -->\\n✅ \\*\\*Fixed in ${head3.slice(0, 7)}\\*\\*`));
    expect(parseFindingMarker(inspectThread!.comments[0]!.body)?.source).toBe("analyzer");
    expect(atomThread!.isResolved).toBe(false);
    expect(github.completions()[2].output.summary).toContain(`1 earlier comment(s) marked fixed in \`${head3.slice(0, 7)}\` and resolved.`);

    // Push 4: the last gating finding is fixed — success, thread resolved, change request withdrawn.
    const head4 = pr.push({ "lib/demo.ex": module(shifted, lookupV4) });
    github.diffOf(pr.remote.dir, pr.base, head4);
    await app.receive(pr.payload("synchronize", head4));

    expect(github.violations).toEqual([]);
    expect(github.reviewPosts()).toHaveLength(1);
    expect(atomThread!.isResolved).toBe(true);
    expect(github.reviews[0]!.state).toBe("DISMISSED");
    expect(github.reviews[0]!.body).toMatch(new RegExp(`^<!-- elixir-agent:withdrawn sha=${head4} -->`));
    const run4 = github.completions()[3];
    expect(run4.conclusion).toBe("success");
    expect(run4.output.summary).toContain("The earlier change request was withdrawn");
  });

  it("never raises again a finding whose thread a reviewer resolved", async () => {
    const pr = new PullScenario({ "lib/demo.ex": module("", "") });
    cleanups.push(() => pr.cleanup());
    const github = fakeGitHub();
    const app = await startApp({ stages: analyzerStages });

    const head1 = pr.push({ "lib/demo.ex": module("", lookupV1) });
    github.diffOf(pr.remote.dir, pr.base, head1);
    await app.receive(pr.payload("opened", head1));
    expect(github.reviewPosts()).toHaveLength(1);
    expect(github.reviewPosts()[0]!.body.event).toBe("COMMENT");
    github.resolveAsHuman(github.threads[1]!.id); // "IO.inspect is fine here"

    // The reviewer's resolution stands although the finding is still there, on a shifted line.
    const head2 = pr.push({ "lib/demo.ex": module(shifted, lookupV1) });
    github.diffOf(pr.remote.dir, pr.base, head2);
    await app.receive(pr.payload("synchronize", head2));

    expect(github.violations).toEqual([]);
    expect(github.reviewPosts()).toHaveLength(1);
    expect(github.calls.filter((c) => c.path === "comment")).toEqual([]);
    expect(github.completions()[1].output.summary).toContain("1 finding(s) were resolved or dismissed by a reviewer: not raised again on this pull request.");
  });
});
