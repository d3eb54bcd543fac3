import { describe, expect, it } from "vitest";
import { collectFindings } from "../../src/review/collect.js";
import type { RawFinding } from "../../src/review/finding.js";

const base = { path: "lib/shop/inventory.ex", line: 73 } as const;
const compilerImpl: RawFinding = {
  ...base,
  source: "compile",
  rule: "compile/warning",
  severity: "minor",
  title: "Compiler warning: module attribute @impl was not set for function handle_cast/2 callback (specified in GenServer)",
  message: "The compiler warns.",
  evidence: "warning: module attribute @impl was not set …",
};
const analyzerImpl: RawFinding = {
  ...base,
  source: "analyzer",
  rule: "otp/impl-true",
  checklistItem: "otp-behaviours",
  severity: "minor",
  title: "`handle_cast/2` callback without `@impl true`",
  message: "Mark callbacks with `@impl true` so the compiler checks them.",
  suggestion: "  @impl true\n  def handle_cast({:reserve, sku, quantity, ttl_ms}, stock) do",
};
const opts = { ignorePaths: [], ignoredRules: [], codeAt: () => "  def handle_cast({:reserve, sku, quantity, ttl_ms}, stock) do" };

describe("collectFindings", () => {
  it("keeps one finding when the analyzer restates a compiler warning, with the analyzer's fix", () => {
    const out = collectFindings([compilerImpl, analyzerImpl], opts);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ source: "compile", rule: "compile/warning", suggestion: analyzerImpl.suggestion });
    expect(out[0]!.message).toContain("so the compiler checks them");
  });

  it("keeps both when they are on different lines or about different things", () => {
    expect(collectFindings([compilerImpl, { ...analyzerImpl, line: 90 }], opts)).toHaveLength(2);
    expect(collectFindings([{ ...compilerImpl, title: "Compiler warning: variable \"x\" is unused" }, analyzerImpl], opts)).toHaveLength(2);
  });

  it("drops ignored rules and paths and repeated warnings (compile, then again from mix test)", () => {
    const warning: RawFinding = { ...compilerImpl, title: "Compiler warning: variable \"available\" is unused" };
    const out = collectFindings([warning, { ...warning }, analyzerImpl, { ...analyzerImpl, path: "priv/gen/x.ex" }], {
      ...opts,
      ignorePaths: ["priv/**"],
      ignoredRules: [{ rule: "otp/impl-true", by: "maintainer" }],
    });
    expect(out.map((f) => f.rule)).toEqual(["compile/warning"]);
  });
});
