import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, type Settings } from "../../src/settings.js";
import { TestRepo } from "./git-repo.js";
import { TEST_CACHE_DIR } from "./test-cache.js";

/** A small Elixir repository with a PR branch, served as a bare remote over file://. */
export function elixirPullRequest(number = 1) {
  const repo = new TestRepo();
  repo.write({
    "mix.exs": "defmodule Demo.MixProject do\n  use Mix.Project\n\n  def project, do: [app: :demo, version: \"0.1.0\", deps: []]\nend\n",
    "lib/demo.ex": "defmodule Demo do\n  @moduledoc false\nend\n",
  });
  const base = repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write({ "lib/demo.ex": "defmodule Demo do\n  @moduledoc false\n\n  def hello, do: :world\nend\n" });
  const head = repo.commit("feature");
  repo.git("checkout", "-q", "main");
  const remote = repo.bareRemote({ [number]: head });
  /** Pushes another commit on the PR branch and moves refs/pull/<n>/head in the remote. */
  const push = (files: Record<string, string>) => {
    repo.git("checkout", "-q", "feature");
    const sha = repo.write(files).commit("another push");
    repo.git("checkout", "-q", "main");
    repo.git("push", "-q", "--force", remote.dir, `${sha}:refs/pull/${number}/head`);
    return sha;
  };
  return { repo, base, head, remote, push, cleanup: () => repo.cleanup() };
}

export function testSettings(overrides: Partial<Settings> = {}): Settings {
  // Like the app's own work dir (mkdir, 0755): the sandbox's uid must be able to traverse it.
  const workDir = mkdtempSync(join(tmpdir(), "ea-work-"));
  chmodSync(workDir, 0o711);
  // One cache directory for every test file: the core PLT is built once per machine.
  return { ...loadSettings({}), workDir, cacheDir: TEST_CACHE_DIR, ...overrides };
}

/** Points a real example pull_request payload at the fixture repository. */
export function aimPayload(p: any, fx: { remote: { url: string }; base: string }, headSha: string, number = 1): void {
  p.repository.clone_url = fx.remote.url;
  p.repository.default_branch = "master";
  p.pull_request.number = number;
  p.number = number;
  p.pull_request.head.sha = headSha;
  p.pull_request.base.sha = fx.base;
  p.pull_request.base.ref = "main";
  p.pull_request.draft = false;
  p.pull_request.state = "open";
}
