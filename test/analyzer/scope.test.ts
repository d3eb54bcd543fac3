import { afterEach, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyzer/index.js";
import { TestRepo } from "../helpers/git-repo.js";
import { analyzerConfig, diffOf, genServer, keys } from "./helpers.js";

const BASE_BODY = `  @impl true
  def init(opts), do: {:ok, opts}

  @impl true
  def handle_call(:get, _from, state), do: {:reply, state, state}

  def handle_cast({:put, value}, _state) do
    {:noreply, value}
  end
`;

describe("scope", () => {
  let repo: TestRepo;
  afterEach(() => repo?.cleanup());

  /** base: a server with an old problem (handle_cast without @impl); head: adds a new problem. */
  function twoCommits(): { base: string } {
    repo = new TestRepo();
    repo.write({ "lib/app/store.ex": genServer("App.Store", BASE_BODY) });
    const base = repo.commit("base");
    const head = BASE_BODY.replace(
      "    {:noreply, value}\n",
      "    {:noreply, value}\n  end\n\n  def handle_cast(:slow, state) do\n    Process.sleep(1_000)\n    {:noreply, state}\n",
    );
    repo.write({ "lib/app/store.ex": genServer("App.Store", head), "lib/app/untouched.ex": genServer("App.Untouched", BASE_BODY) });
    repo.commit("head");
    return { base };
  }

  it("changed-lines reports only what the change added, and function rules on the changed function", async () => {
    const { base } = twoCommits();
    const diff = diffOf(repo, base);
    const report = await analyze({ root: repo.dir, diff, config: analyzerConfig({ disabledRules: ["test/untested-change"] }) });
    // The sleep is on an added line. handle_cast/2 lacked @impl before, but the function gained
    // a clause, so the function-level rule reports it. The new file is all added lines.
    expect(keys(report.findings)).toEqual([
      "lib/app/store.ex:13 otp/impl-true",
      "lib/app/store.ex:18 otp/sleep-in-callback",
      "lib/app/untouched.ex:13 otp/impl-true",
    ]);
  });

  it("changed-lines leaves an untouched function alone", async () => {
    repo = new TestRepo();
    repo.write({ "lib/app/store.ex": genServer("App.Store", BASE_BODY) });
    const base = repo.commit("base");
    repo.write({ "lib/app/store.ex": genServer("App.Store", `${BASE_BODY}\n  def size(state), do: map_size(state)\n`) });
    repo.commit("head");
    const config = analyzerConfig({ disabledRules: ["test/*"] });
    const report = await analyze({ root: repo.dir, diff: diffOf(repo, base), config });
    expect(report.findings).toEqual([]);
    const all = await analyze({ root: repo.dir, diff: diffOf(repo, base), config: { ...config, scope: "changed-files" } });
    expect(keys(all.findings)).toEqual(["lib/app/store.ex:13 otp/impl-true"]);
  });

  it("without a diff analyses every Elixir file of the repository, skipping deps and _build", async () => {
    repo = new TestRepo();
    repo.write({
      "lib/app/store.ex": genServer("App.Store", BASE_BODY),
      "deps/dep/lib/dep.ex": genServer("Dep", BASE_BODY),
      "_build/dev/lib/app.ex": genServer("Built", BASE_BODY),
      "README.md": "# app\n",
    });
    const report = await analyze({ root: repo.dir, config: analyzerConfig({ scope: "all" }) });
    expect(keys(report.findings)).toEqual(["lib/app/store.ex:13 otp/impl-true"]);
    expect(report.filesAnalyzed).toBe(1);
  });

  it("ignores deleted files and review.ignorePaths", async () => {
    repo = new TestRepo();
    repo.write({ "lib/app/old.ex": genServer("App.Old", BASE_BODY), "lib/legacy/a.ex": "x" });
    const base = repo.commit("base");
    repo.remove("lib/app/old.ex");
    repo.write({ "lib/legacy/a.ex": genServer("Legacy.A", BASE_BODY) });
    repo.commit("head");
    const report = await analyze({ root: repo.dir, diff: diffOf(repo, base), config: analyzerConfig(), ignorePaths: ["lib/legacy/**"] });
    expect(report.findings).toEqual([]);
    expect(report.filesAnalyzed).toBe(0);
  });
});

describe("cancellation", () => {
  it("stops between files when the signal is aborted and says so", async () => {
    const repo = new TestRepo();
    try {
      repo.write({ "lib/app/a.ex": genServer("App.A", BASE_BODY), "lib/app/b.ex": genServer("App.B", BASE_BODY) });
      const controller = new AbortController();
      controller.abort();
      const report = await analyze({ root: repo.dir, config: analyzerConfig({ scope: "all" }), signal: controller.signal });
      expect(report).toMatchObject({ ran: false, filesAnalyzed: 0, findings: [], reason: "cancelled after 0 file(s); 2 not analysed" });
    } finally {
      repo.cleanup();
    }
  });
});
