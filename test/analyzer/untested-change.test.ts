import { afterEach, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyzer/index.js";
import { TestRepo } from "../helpers/git-repo.js";
import { analyzerConfig, diffOf, keys } from "./helpers.js";

const BILLING = `defmodule App.Billing do
  @moduledoc "Invoices customers."

  def total(lines), do: Enum.sum_by(lines, & &1.amount)
end
`;
const BILLING_V2 = BILLING.replace("end\n", "\n  def tax(total, rate), do: round(total * rate)\nend\n");
const config = analyzerConfig({ disabledRules: ["types/*"] });

describe("test/untested-change", () => {
  let repo: TestRepo;
  afterEach(() => repo?.cleanup());

  function change(files: Record<string, string>): string {
    repo = new TestRepo();
    repo.write({ "lib/app/billing.ex": BILLING, "test/app/billing_test.exs": "defmodule App.BillingTest do\nend\n", "test/app/other_test.exs": "defmodule App.OtherTest do\nend\n" });
    const base = repo.commit("base");
    repo.write(files);
    repo.commit("head");
    return base;
  }

  it("flags a changed lib module whose test did not change, on the first added line", async () => {
    const base = change({ "lib/app/billing.ex": BILLING_V2 });
    const report = await analyze({ root: repo.dir, diff: diffOf(repo, base), config });
    expect(keys(report.findings)).toEqual(["lib/app/billing.ex:5 test/untested-change"]);
    expect(report.findings[0]!.message).toContain("expected `test/app/billing_test.exs`");
  });

  it("accepts a change to the mirrored test file", async () => {
    const base = change({ "lib/app/billing.ex": BILLING_V2, "test/app/billing_test.exs": "defmodule App.BillingTest do\n  use ExUnit.Case\nend\n" });
    const report = await analyze({ root: repo.dir, diff: diffOf(repo, base), config });
    expect(report.findings).toEqual([]);
  });

  it("accepts a changed test elsewhere that exercises the module", async () => {
    const base = change({
      "lib/app/billing.ex": BILLING_V2,
      "test/app/other_test.exs": "defmodule App.OtherTest do\n  test \"tax\", do: assert App.Billing.tax(100, 0.2) == 20\nend\n",
    });
    const report = await analyze({ root: repo.dir, diff: diffOf(repo, base), config });
    expect(report.findings).toEqual([]);
  });

  it("does not apply without a diff (the CLI over a whole repository)", async () => {
    change({ "lib/app/billing.ex": BILLING_V2 });
    const report = await analyze({ root: repo.dir, config: { ...config, scope: "all" } });
    expect(report.findings).toEqual([]);
  });
});
