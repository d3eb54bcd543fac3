import { afterEach, describe, expect, it } from "vitest";
import { GitHubPublisher } from "../../../src/github/github-publisher.js";
import { silentLogger } from "../../../src/logger.js";
import type { JobRequest } from "../../../src/pipeline/types.js";
import { elixirPullRequest, testSettings } from "../../helpers/pr-fixture.js";
import { describeBwrap } from "../../toolchain/helpers/real.js";
import { GitHubMock } from "../../helpers/github-mock.js";
import { CommandHarness, ISSUE_COMMENT_ID, OWNER, PR, prComment, REPO } from "./harness.js";

describe("/elixir-agent review and rerun", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  function setup(options: ConstructorParameters<typeof CommandHarness>[0] = {}) {
    const fixture = elixirPullRequest(PR);
    cleanups.push(fixture.cleanup);
    const settings = testSettings();
    const gh = new CommandHarness({ settings, ...options });
    const onPull = (p: any) => {
      p.head.sha = fixture.head;
      p.base.sha = fixture.base;
      p.base.ref = "main";
    };
    const payload = (body: string) => prComment(body, (p) => (p.repository.clone_url = fixture.remote.url));
    return { gh, fixture, onPull, payload };
  }

  it("review: a write user's command queues a full review of the CURRENT head, and the check run completes", async () => {
    const { gh, fixture, onPull, payload } = setup();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write").pull(onPull).reply();
    // The job: check run, config, the PR's command state. The PR itself is not fetched again.
    gh.config().issueComments();
    const checks = new GitHubMock(OWNER, REPO).checkRuns();

    await gh.send("issue_comment", payload("/elixir-agent review"));
    await gh.agent.queue!.idle();

    expect(gh.reactionsPosted()).toEqual(["eyes", "rocket"]);
    expect(gh.replies()[0]).toContain(`A full review of \`${fixture.head.slice(0, 7)}\` is queued.`);
    const created = checks.calls.find((c) => c.method === "POST")!.body;
    expect(created).toMatchObject({ name: "elixir-agent", head_sha: fixture.head, status: "in_progress" });
    expect(checks.completions()).toHaveLength(1);
  });

  it("rerun test: the job runs in mode `step` with the step, for the current head, and no new AI review", async () => {
    const seen: JobRequest[] = [];
    const { gh, fixture, onPull, payload } = setup({
      // The real check-run publisher; the factory shows which request the worker ran.
      publisher: (github, request) => {
        seen.push(request);
        return new GitHubPublisher(github, { owner: OWNER, repo: REPO, headSha: request.pr.headSha, jobId: request.id }, { redact: (s: string) => s, log: silentLogger() });
      },
    });
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "admin").pull(onPull).reply();
    gh.config().issueComments();
    const checks = new GitHubMock(OWNER, REPO).checkRuns();

    await gh.send("issue_comment", payload("/elixir-agent rerun TEST"));
    await gh.agent.queue!.idle();

    expect(gh.replies()[0]).toContain(`A re-run of \`test\` on \`${fixture.head.slice(0, 7)}\` is queued.`);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ trigger: "command", mode: "step", step: "test", requestedBy: "Codertocat", pr: { number: PR, headSha: fixture.head } });
    expect(checks.completions()[0].output.summary).toMatch(/The AI review did not run: not re-run: .*rerun test.* re-runs one toolchain step/);
  });

  it("rerun of a step the repository switched off is refused without queueing anything", async () => {
    const { gh, payload } = setup();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config("toolchain:\n  steps:\n    dialyzer:\n      enabled: false\n").permission("Codertocat", "write").reply();

    await gh.send("issue_comment", payload("/elixir-agent rerun dialyzer"));

    expect(gh.reactionsPosted()).toEqual(["eyes", "confused"]);
    expect(gh.replies()[0]).toContain("`toolchain.steps.dialyzer.enabled: false`");
    expect(gh.agent.queue!.snapshot()).toEqual([]);
  });

  it("arguments outside the allowlist are refused with the usage: no config override from a comment", async () => {
    const { gh, payload } = setup();
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().reply();

    await gh.send("issue_comment", payload("/elixir-agent review --gate.agent=off"));

    expect(gh.reactionsPosted()).toEqual(["eyes", "confused"]);
    expect(gh.replies()[0]).toContain("`review` takes no arguments; settings come from `.github/elixir-agent.yml` on the default branch");
    expect(gh.replies()[0]).toContain("Usage: `/elixir-agent review`");
    expect(gh.agent.queue!.snapshot()).toEqual([]);
  });
});

describeBwrap("/elixir-agent rerun, with the real toolchain in bubblewrap", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("rerun test runs what the test step needs and the test step; the other steps say they were not requested", async () => {
    const fx = elixirPullRequest(PR);
    cleanups.push(fx.cleanup);
    const gh = new CommandHarness({ settings: testSettings() });
    const onPull = (p: any) => {
      p.head.sha = fx.head;
      p.base.sha = fx.base;
      p.base.ref = "main";
    };
    gh.token().reactions("issue", ISSUE_COMMENT_ID, 2).issueComments().config().permission("Codertocat", "write").pull(onPull).reply();
    gh.config().issueComments();
    const checks = new GitHubMock(OWNER, REPO).checkRuns();

    await gh.send("issue_comment", prComment("/elixir-agent rerun test", (p) => (p.repository.clone_url = fx.remote.url)));
    await gh.agent.queue!.idle();

    const summary: string = checks.completions()[0].output.summary;
    // What `test` needs ran, then `test` itself (this fixture has no test suite: it says so, no blame).
    expect(summary).toMatch(/\| `mix deps\.get` \| ✅ passed/);
    expect(summary).toMatch(/\| `mix compile[^`]*` \| ✅ passed/);
    expect(summary).toMatch(/\| `mix test[^`]*` \| ⚠️ not run \| no test suite: the project has no test directory/);
    for (const step of ["format", "credo", "dialyzer"]) expect(summary).toContain(`| ${step} | ⏭️ skipped | not requested (re-running test only) |`);
  }, 180_000);
});
