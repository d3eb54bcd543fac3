import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentStageInput } from "../../../src/pipeline/stages.js";
import { defaultStages } from "../../../src/pipeline/stages.js";
import type { JobRequest } from "../../../src/pipeline/types.js";
import { examplePayload, TEST_APP_ID } from "../../helpers/probot.js";
import { fakeGitHub, OWNER, PR, PullScenario, REPO, startApp } from "./scenario.js";

const API = "https://api.github.com";

describe("re-runs: check_run.rerequested, requested_action buttons, check_suite.rerequested", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  /** A PR with two pushes: re-run events name the old head, the PR is now at the new one. */
  function twoPushes() {
    const pr = new PullScenario({ "lib/demo.ex": "defmodule Demo do\nend\n" });
    cleanups.push(() => pr.cleanup());
    const old = pr.push({ "lib/demo.ex": "defmodule Demo do\n  def a, do: 1\nend\n" });
    const current = pr.push({ "lib/demo.ex": "defmodule Demo do\n  def a, do: 2\nend\n" });
    const pull = pr.payload("synchronize", current).payload.pull_request;
    return { pr, old, current, pull };
  }

  async function appRecordingRequests() {
    const seen: JobRequest[] = [];
    const agent = (input: AgentStageInput) => {
      seen.push(input.request);
      return defaultStages.agent(input);
    };
    return { seen, app: await startApp({ stages: { agent } }) };
  }

  const repoFields = (p: any, pr: PullScenario) => {
    p.repository.owner.login = OWNER;
    p.repository.name = REPO;
    p.repository.clone_url = pr.remote.url;
    p.repository.default_branch = "master";
  };

  it("check_run.rerequested reviews the PR's current head, not the re-requested SHA", async () => {
    const { pr, old, current, pull } = twoPushes();
    const github = fakeGitHub(false);
    nock(API).get(`/repos/${OWNER}/${REPO}/pulls/${PR}`).reply(200, pull);
    const { app, seen } = await appRecordingRequests();
    const payload = examplePayload("check_run", "rerequested", (p) => {
      repoFields(p, pr);
      p.check_run.app.id = TEST_APP_ID;
      p.check_run.head_sha = old;
      p.check_run.pull_requests = [{ number: PR, head: { ref: "feature", sha: old }, base: { ref: "main", sha: pr.base } }];
    });
    await app.receive({ id: "rr-1", name: "check_run", payload } as any);

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ trigger: "check_run.rerequested", mode: "incremental", pr: { number: PR, headSha: current } });
    expect([...github.checkRuns.values()].map((r) => r.head_sha)).toEqual([current]);
    expect(github.completions()).toHaveLength(1);
  });

  for (const [identifier, mode] of [["rerun", "incremental"], ["full-review", "full"]] as const) {
    it(`the "${identifier}" button enqueues a ${mode} review of the current head`, async () => {
      const { pr, current, pull } = twoPushes();
      const github = fakeGitHub(false);
      nock(API).get(`/repos/${OWNER}/${REPO}/pulls/${PR}`).reply(200, pull);
      const { app, seen } = await appRecordingRequests();
      const payload = examplePayload("check_run", "requested_action", (p) => {
        repoFields(p, pr);
        p.check_run.app.id = TEST_APP_ID;
        p.check_run.pull_requests[0].number = PR;
        p.requested_action = { identifier };
      });
      await app.receive({ id: `ra-${identifier}`, name: "check_run", payload } as any);

      expect(seen.map((r) => ({ trigger: r.trigger, mode: r.mode, head: r.pr.headSha }))).toEqual([{ trigger: "requested_action", mode, head: current }]);
      expect(github.completions()).toHaveLength(1);
    });
  }

  it("ignores buttons that are not ours and check runs of other apps", async () => {
    const { pr } = twoPushes();
    const { app, seen } = await appRecordingRequests();
    const foreignButton = examplePayload("check_run", "requested_action", (p) => {
      repoFields(p, pr);
      p.check_run.app.id = TEST_APP_ID; // the example's own identifier: "lgtm|26764"
    });
    const otherApp = examplePayload("check_run", "rerequested", (p) => {
      repoFields(p, pr);
      p.check_run.app.id = 9999;
    });
    await app.receive({ id: "x-1", name: "check_run", payload: foreignButton } as any);
    await app.receive({ id: "x-2", name: "check_run", payload: otherApp } as any);
    expect(seen).toEqual([]);
  });

  it("check_suite.rerequested from a fork (empty pull_requests) finds the PR by its head SHA", async () => {
    const { pr, current, pull } = twoPushes();
    const github = fakeGitHub(false);
    nock(API)
      .get(`/repos/${OWNER}/${REPO}/pulls`)
      .query({ state: "open", per_page: "100", page: "1" })
      .reply(200, [{ ...pull, number: 99, head: { ...pull.head, sha: "f".repeat(40) } }, pull]);
    const { app, seen } = await appRecordingRequests();
    const payload = examplePayload("check_suite", "rerequested", (p) => {
      repoFields(p, pr);
      p.check_suite.app.id = TEST_APP_ID;
      p.check_suite.head_sha = current;
      p.check_suite.pull_requests = [];
    });
    await app.receive({ id: "cs-1", name: "check_suite", payload } as any);

    expect(seen.map((r) => ({ trigger: r.trigger, number: r.pr.number, head: r.pr.headSha }))).toEqual([
      { trigger: "check_suite.rerequested", number: PR, head: current },
    ]);
    expect(github.completions()).toHaveLength(1);
  });
});
