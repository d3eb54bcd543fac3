import { afterEach, describe, expect, it } from "vitest";
import type { Evidence } from "../../src/agent/evidence.js";
import { buildEvidence } from "../../src/agent/evidence.js";
import { selectFiles } from "../../src/agent/files.js";
import { planChunks } from "../../src/agent/plan.js";
import { compactMode, renderFile } from "../../src/agent/render-diff.js";
import { estimateTokens } from "../../src/agent/tokens.js";
import { failingTestsToolchain, makeChange } from "./helpers.js";
import { IMPL_HYPOTHESIS, SHOP_BASE, SHOP_HEAD } from "./shop.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const noEvidence: Evidence = { global: [], toolsByFile: new Map(), hypothesesByFile: new Map() };

/** `n` new modules of roughly `lines` lines each. */
function modules(n: number, lines: number, dir = "lib/app"): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `${dir}/mod_${String(i).padStart(2, "0")}.ex`,
      `defmodule App.Mod${i} do\n${Array.from({ length: lines }, (_, j) => `  def f${j}(x), do: x + ${j} # module ${i}`).join("\n")}\nend\n`,
    ]),
  );
}

async function contentsOf(c: ReturnType<typeof makeChange>) {
  return new Map(await Promise.all(c.diff.map(async (f) => [f.path, await c.readFile(f.path)] as const)));
}

describe("planChunks", () => {
  it("puts a small change in one chunk", async () => {
    const c = makeChange(SHOP_BASE, SHOP_HEAD);
    cleanup = c.cleanup;
    const { reviewable } = selectFiles(c.diff);
    const plan = planChunks(reviewable, await contentsOf(c), noEvidence, 20_000, 4);
    expect(plan.chunks).toHaveLength(1);
    expect(plan.chunks[0]!.paths).toEqual(["lib/shop/cart.ex", "lib/shop/worker.ex"]);
    expect(plan.seen).toEqual(["lib/shop/cart.ex", "lib/shop/worker.ex"]);
    expect(plan.notSeen).toEqual([]);
  });

  it("spends room left in a chunk on whole-file context, never beyond the budget", async () => {
    const c = makeChange(SHOP_BASE, SHOP_HEAD);
    cleanup = c.cleanup;
    const { reviewable } = selectFiles(c.diff);
    const contents = await contentsOf(c);
    const roomy = planChunks(reviewable, contents, noEvidence, 20_000, 4);
    expect(roomy.chunks[0]!.files[0]).toContain("\n 4     def f1(x), do: x + 1\n"); // outside the hunk: context
    const compact = reviewable.reduce((sum, f) => sum + estimateTokens(renderFile(f, contents.get(f.path), compactMode(f, contents.get(f.path)))) + 30, 0);
    const tight = planChunks(reviewable, contents, noEvidence, compact + 5, 4);
    expect(tight.chunks).toHaveLength(1);
    expect(tight.chunks[0]!.files[0]).not.toContain("def f1(x)");
    expect(tight.chunks[0]!.files[0]).toContain("\n24 +   def kind(params)");
    expect(tight.chunks[0]!.tokens).toBeLessThanOrEqual(compact + 5);
  });

  it("splits by file within the budget, keeps review order, and reports what did not fit", async () => {
    const c = makeChange({ "mix.exs": "x\n" }, { ...modules(10, 40), ...modules(2, 10, "test/app") });
    cleanup = c.cleanup;
    const { reviewable } = selectFiles(c.diff);
    const perChunk = 2_500;
    const plan = planChunks(reviewable, await contentsOf(c), noEvidence, perChunk, 3);
    expect(plan.chunks).toHaveLength(3);
    for (const chunk of plan.chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(perChunk);
      expect(estimateTokens(chunk.files.join("\n"))).toBeLessThanOrEqual(perChunk);
    }
    const shown = plan.chunks.flatMap((ch) => ch.paths);
    expect(shown).toEqual(plan.seen);
    expect(new Set(shown).size).toBe(shown.length);
    // Source first: every unseen file comes after the seen source files in review order.
    const order = reviewable.map((f) => f.path);
    const unseen = plan.notSeen.map((n) => n.path);
    expect(unseen.length).toBeGreaterThan(0);
    expect(Math.min(...unseen.map((p) => order.indexOf(p)))).toBeGreaterThan(order.indexOf(shown.find((p) => p.startsWith("lib/"))!));
    expect([...shown, ...unseen].sort()).toEqual([...order].sort());
    expect(plan.notSeen[0]!.reason).toMatch(/over the review budget \(agent.maxCalls 3/);
  });

  it("shows a file too large for one chunk in part and says so", async () => {
    const c = makeChange({ "mix.exs": "x\n" }, modules(1, 600));
    cleanup = c.cleanup;
    const { reviewable } = selectFiles(c.diff);
    const plan = planChunks(reviewable, await contentsOf(c), noEvidence, 3_000, 2);
    expect(plan.chunks).toHaveLength(1);
    expect(plan.chunks[0]!.tokens).toBeLessThanOrEqual(3_000);
    expect(plan.chunks[0]!.files[0]).toMatch(/more lines\) is not shown: too large for one request$/);
    expect(plan.seen).toEqual(["lib/app/mod_00.ex"]);
    expect(plan.notSeen).toEqual([{ path: "lib/app/mod_00.ex", reason: expect.stringMatching(/^partly shown: \d+ of 602 diff lines/) }]);
  });

  it("carries each file's tool findings and hypotheses into its chunk", async () => {
    const c = makeChange(SHOP_BASE, SHOP_HEAD);
    cleanup = c.cleanup;
    const { reviewable } = selectFiles(c.diff);
    const toolchain = failingTestsToolchain("Assertion with == failed");
    toolchain.steps.push({
      id: "credo",
      status: "failed",
      durationMs: 10,
      findings: [
        { source: "credo", rule: "credo/Readability.ModuleDoc", severity: "minor", path: "lib/shop/worker.ex", line: 1, title: "Modules should have a @moduledoc tag.", message: "" },
        { source: "credo", rule: "credo/Refactor.Nesting", severity: "minor", path: "lib/other.ex", line: 3, title: "Nesting too deep", message: "" },
      ],
    });
    const evidence = buildEvidence(toolchain, [IMPL_HYPOTHESIS], new Set(reviewable.map((f) => f.path)));
    expect(evidence.global.join("\n")).toContain('failed test: Shop.CartTest "test totals" at test/shop/cart_test.exs:7');
    expect(evidence.global.join("\n")).toContain("coverage: 71.5 % total (threshold 90 %)");
    expect(evidence.global.join("\n")).toContain("lib/other.ex:3 [credo/Refactor.Nesting");
    const plan = planChunks(reviewable, await contentsOf(c), evidence, 20_000, 4);
    expect(plan.chunks[0]!.tools).toEqual(["- credo: lib/shop/worker.ex:1 [credo/Readability.ModuleDoc, minor] Modules should have a @moduledoc tag."]);
    expect(plan.chunks[0]!.hypotheses).toEqual([
      "H1: lib/shop/worker.ex:6 [otp/impl-true, minor] GenServer callback without @impl true — init/1 implements a behaviour callback but is not marked @impl true. (checklist: otp-behaviours)",
    ]);
  });
});
