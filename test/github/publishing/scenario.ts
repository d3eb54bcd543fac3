import { execFileSync } from "node:child_process";
import { createApp, type AppOptions } from "../../../src/app.js";
import type { Stages } from "../../../src/pipeline/stages.js";
import { TestRepo } from "../../helpers/git-repo.js";
import { examplePayload, TEST_APP_ID, testProbot } from "../../helpers/probot.js";
import { FakeGitHub } from "./fake-github.js";
import { testSettings } from "../../helpers/pr-fixture.js";

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const PR = 1;

/** A real repository with a PR branch, served to the app over file:// as GitHub would. */
export class PullScenario {
  readonly repo = new TestRepo();
  readonly base: string;
  readonly remote: { dir: string; url: string };
  readonly heads: string[] = [];
  private delivery = 0;

  constructor(baseFiles: Record<string, string>) {
    this.repo.write({ "mix.exs": "defmodule Demo.MixProject do\n  use Mix.Project\nend\n", ...baseFiles });
    this.base = this.repo.commit("base");
    this.remote = this.repo.bareRemote();
    this.repo.git("checkout", "-q", "-b", "feature");
  }

  /** Commits the files on the PR branch and moves `refs/pull/1/head` in the remote. */
  push(files: Record<string, string>, message = `push ${this.heads.length + 1}`): string {
    this.repo.write(files);
    const sha = this.repo.commit(message);
    this.repo.git("push", "-q", this.remote.dir, "feature:feature");
    execFileSync("git", ["update-ref", `refs/pull/${PR}/head`, sha], { cwd: this.remote.dir });
    this.heads.push(sha);
    return sha;
  }

  payload(action: "opened" | "synchronize", head: string): { id: string; name: "pull_request"; payload: any } {
    const payload = examplePayload("pull_request", action, (p) => {
      p.repository.clone_url = this.remote.url;
      p.repository.default_branch = "master";
      p.repository.owner.login = OWNER;
      p.repository.name = REPO;
      p.pull_request.number = PR;
      p.pull_request.head.sha = head;
      p.pull_request.base.sha = this.base;
      p.pull_request.base.ref = "main";
      p.pull_request.draft = false;
      p.pull_request.state = "open";
    });
    return { id: `delivery-${++this.delivery}-${head.slice(0, 7)}`, name: "pull_request", payload };
  }

  cleanup(): void {
    this.repo.cleanup();
    execFileSync("rm", ["-rf", this.remote.dir]);
  }
}

export interface Harness {
  receive(event: { id: string; name: "pull_request"; payload: any }): Promise<void>;
  agent: ReturnType<typeof createApp>;
}

/** The app as in production (real Probot, real queue, real checkout), with test-speed write spacing. */
export async function startApp(options: { stages?: Partial<Stages> } & Partial<AppOptions> = {}): Promise<Harness> {
  const settings = testSettings();
  const agent = createApp({ settings, appId: TEST_APP_ID, appSlug: "elixir-agent", secrets: [], limiter: { minIntervalMs: 0 }, ...options });
  const probot = testProbot();
  await probot.load(agent.appFn);
  return {
    agent,
    async receive(event) {
      await probot.receive(event as any);
      await agent.queue!.idle();
    },
  };
}

export function fakeGitHub(expectReview = true, viaApp = true): FakeGitHub {
  return new FakeGitHub(OWNER, REPO, PR, "master", expectReview, viaApp);
}

