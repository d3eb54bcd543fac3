import { chmodSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkout } from "../../../src/workspace/checkout.js";
import type { Workspace } from "../../../src/workspace/types.js";
import { TestRepo } from "../../helpers/git-repo.js";

/** The fixture Mix projects of `test/fixtures/elixir`. */
export type ElixirFixture = "clean" | "suite" | "warnings" | "broken" | "umbrella" | "hexdeps" | "future" | "lint";

export const FIXTURES_DIR = fileURLToPath(new URL("../../fixtures/elixir/", import.meta.url));

export interface FixtureWorkspace {
  workspace: Workspace;
  repo: TestRepo;
  cleanup(): Promise<void>;
}

/**
 * A real checkout of a fixture project as a pull request: the base branch has only a README,
 * the PR adds the whole project (so every line is an added line of the diff).
 */
export async function fixtureWorkspace(name: ElixirFixture): Promise<FixtureWorkspace> {
  const repo = new TestRepo();
  repo.write({ "README.md": `# ${name}\n` });
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "pr");
  cpSync(join(FIXTURES_DIR, name), repo.dir, { recursive: true });
  const head = repo.commit(`add ${name}`);
  repo.git("checkout", "-q", "main");
  const remote = repo.bareRemote({ 1: head });
  const jobDir = mkdtempSync(join(tmpdir(), "ea-job-"));
  // A sandbox that runs PR code as another uid (root app) must be able to traverse to the checkout.
  chmodSync(jobDir, 0o711);
  const workspace = await checkout({ cloneUrl: remote.url, headSha: head, headRef: "refs/pull/1/head", baseRef: "main", jobDir });
  return {
    workspace,
    repo,
    async cleanup() {
      await workspace.dispose();
      repo.cleanup();
      rmSync(remote.dir, { recursive: true, force: true });
    },
  };
}
