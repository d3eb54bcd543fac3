import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logger.js";
import { InProcessQueue } from "../../../src/queue/memory.js";
import { CommandHarness, HEAD, PR, prComment, REVIEW_COMMENT_ID, reviewComment } from "./harness.js";

/** The PR as GitHub returns it when its head lives in a contributor's fork. */
const fromFork = (p: any) => {
  p.head.repo = { ...p.head.repo, id: 4242, full_name: "contributor/Hello-World" };
  p.head.ref = "patch-1";
  p.user = { login: "contributor", type: "User" };
};

/** A real queue whose worker holds every job until released, so the test can look at it. */
function heldQueue() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, queue: (_w: unknown, onDropped: any) => new InProcessQueue({ concurrency: 1, worker: () => released, onDropped, log: silentLogger() }) };
}

describe("commands on a pull request from a fork", () => {
  it("the fork's author (read access) cannot start a review of their own code", async () => {
    const gh = new CommandHarness();
    gh.token().reactions("issue", 31, 2).issueComments().config().permission("contributor", "read").reply();
    await gh.send("issue_comment", prComment("/elixir-agent review", (p) => {
      p.comment.id = 31;
      p.comment.user = { ...p.comment.user, login: "contributor" };
      p.sender = { ...p.sender, login: "contributor" };
    }));
    expect(gh.replies()[0]).toContain("Sorry, contributor: this command needs **write** permission");
    expect(gh.agent.queue!.snapshot()).toEqual([]);
  });

  it("a maintainer's review runs on the fork's current head, cloned from the base repository", async () => {
    const held = heldQueue();
    const gh = new CommandHarness({ queue: held.queue });
    gh.token().reactions("review", REVIEW_COMMENT_ID, 2).reviewComments().config().permission("Codertocat", "write", "maintain").pull(fromFork).threadReply(REVIEW_COMMENT_ID);
    await gh.send("pull_request_review_comment", reviewComment("/elixir-agent review", (p) => fromFork(p.pull_request)));

    expect(gh.replies()[0]).toContain("A full review of `ec26c3e` is queued.");
    const [job] = gh.agent.queue!.snapshot();
    expect(job!.request).toMatchObject({
      trigger: "command",
      mode: "full",
      requestedBy: "Codertocat",
      repo: { owner: "Codertocat", name: "Hello-World", cloneUrl: "https://github.com/Codertocat/Hello-World.git" },
      pr: { number: PR, headSha: HEAD, headRef: "patch-1", fork: true, author: "contributor" },
    });
    held.release();
    await gh.agent.queue!.idle();
  });
});
