import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readProjectFacts } from "../../../src/toolchain/project-files.js";
import { checkout } from "../../../src/workspace/checkout.js";
import type { Workspace } from "../../../src/workspace/types.js";
import { TestRepo } from "../../helpers/git-repo.js";

const LOCK = '%{\n  "jason": {:hex, :jason, "1.4.1", "af1504e35f629ddcdd6addb3513c3853991f694921b1b9368b0bd32beb9f1b63", [:mix], [], "hexpm"},\n}\n';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function pr(base: Record<string, string>, change: Record<string, string>): Promise<Workspace> {
  const repo = new TestRepo();
  repo.write(base).commit("base");
  repo.git("checkout", "-q", "-b", "pr");
  const head = repo.write(change).commit("change");
  const jobDir = mkdtempSync(join(tmpdir(), "ea-facts-"));
  chmodSync(jobDir, 0o711);
  const workspace = await checkout({ cloneUrl: repo.dir, headSha: head, headRef: "pr", baseRef: "main", jobDir });
  cleanups.push(() => workspace.dispose(), () => repo.cleanup(), () => rmSync(jobDir, { recursive: true, force: true }));
  return workspace;
}

describe("readProjectFacts", () => {
  it("reads mix.lock and mix.exs from the checkout even when the PR did not touch them (the workspace is sealed)", async () => {
    const ws = await pr({ "mix.exs": 'defmodule A.MixProject do\n  def project, do: [app: :shop, deps: [{:jason, "~> 1.4"}]]\nend\n', "mix.lock": LOCK }, { "lib/a.ex": "defmodule A do\nend\n" });
    ws.seal();
    expect(await ws.readFile("mix.lock")).toBeUndefined();
    const facts = await readProjectFacts(ws.root, ws.project, "test");
    expect(facts).toEqual({ mixLock: LOCK, usesHex: true, apps: [{ app: "shop", path: ".", ebin: "_build/test/lib/shop/ebin" }] });
  });

  it("lists umbrella children by their app names; no lock, no Hex", async () => {
    const child = (app: string) => `defmodule X.MixProject do\n  def project, do: [app: :${app}, deps: [{:other, in_umbrella: true}]]\nend\n`;
    const ws = await pr(
      { "mix.exs": 'defmodule U.MixProject do\n  def project, do: [apps_path: "apps", deps: []]\nend\n', "apps/web/mix.exs": child("web_app"), "apps/core/mix.exs": child("core") },
      { "README.md": "x\n" },
    );
    ws.seal();
    const facts = await readProjectFacts(ws.root, ws.project, "dev");
    expect(facts).toEqual({
      usesHex: false,
      apps: [
        { app: "core", path: "apps/core", ebin: "_build/dev/lib/core/ebin" },
        { app: "web_app", path: "apps/web", ebin: "_build/dev/lib/web_app/ebin" },
      ],
    });
  });
});
