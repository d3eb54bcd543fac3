import { afterEach, describe, expect, it } from "vitest";
import { analyze } from "../../src/analyzer/index.js";
import { TestRepo } from "../helpers/git-repo.js";
import { analyzerConfig, keys } from "./helpers.js";

const CONTROLLER = `defmodule AppWeb.ExportController do
  use AppWeb, :controller

  def create(conn, params) do
    format = String.to_atom(params["format"])
    render(conn, :create, format: format)
  end

  def show(conn, params) do
    # elixir-agent:disable-next-line security/atom-from-input
    # the formats are validated by the router constraint
    format = String.to_atom(params["format"])
    render(conn, :show, format: format)
  end

  def index(conn, params) do
    # elixir-agent:disable-next-line
    format = String.to_atom(params["format"])
    render(conn, :index, format: format)
  end

  def edit(conn, params) do
    # elixir-agent:disable-next-line otp/impl-true
    format = String.to_atom(params["format"])
    render(conn, :edit, format: format)
  end
end
`;

describe("suppression and configuration", () => {
  let repo: TestRepo;
  afterEach(() => repo?.cleanup());

  function write(files: Record<string, string>): string {
    repo = new TestRepo();
    repo.write(files);
    return repo.dir;
  }

  it("honours disable-next-line for one rule, for all rules, and across a justification comment", async () => {
    const root = write({ "lib/app_web/controllers/export_controller.ex": CONTROLLER });
    const report = await analyze({ root, config: analyzerConfig({ scope: "all" }) });
    expect(keys(report.findings)).toEqual([
      "lib/app_web/controllers/export_controller.ex:24 security/atom-from-input",
      "lib/app_web/controllers/export_controller.ex:5 security/atom-from-input",
    ]);
  });

  it("honours the directive in templates", async () => {
    const root = write({
      "lib/app_web/templates/page/show.html.heex":
        "<p>{raw(@intro)}</p>\n<%!-- trusted CMS content --%>\n<%# elixir-agent:disable-next-line security/raw-html %>\n<div>{raw(@body)}</div>\n",
    });
    const report = await analyze({ root, config: analyzerConfig({ scope: "all" }) });
    expect(keys(report.findings)).toEqual(["lib/app_web/templates/page/show.html.heex:1 security/raw-html"]);
  });

  it("switches rules off per repository (exact id or area) and per path glob", async () => {
    const root = write({
      "lib/app_web/controllers/export_controller.ex": CONTROLLER,
      "lib/app_web/controllers/legacy/old_controller.ex": CONTROLLER.replace("ExportController", "Legacy.OldController"),
    });
    const perPath = await analyze({
      root,
      config: analyzerConfig({ scope: "all", paths: [{ path: "lib/app_web/controllers/legacy/**", disabledRules: ["security/*"] }] }),
    });
    expect(new Set(perPath.findings.map((f) => f.path))).toEqual(new Set(["lib/app_web/controllers/export_controller.ex"]));
    const everywhere = await analyze({ root, config: analyzerConfig({ scope: "all", disabledRules: ["security/atom-from-input"] }) });
    expect(everywhere.findings).toEqual([]);
    const directory = await analyze({
      root,
      config: analyzerConfig({ scope: "all", paths: [{ path: "lib/app_web/controllers/legacy", disabledRules: ["*"] }] }),
    });
    expect(directory.findings.every((f) => f.path === "lib/app_web/controllers/export_controller.ex")).toBe(true);
    expect(directory.findings).toHaveLength(2);
  });

  it("overrides severities and leaves the rest at their defaults", async () => {
    const root = write({ "lib/app_web/controllers/export_controller.ex": CONTROLLER });
    const report = await analyze({ root, config: analyzerConfig({ scope: "all", severity: { "security/atom-from-input": "blocker" } }) });
    expect(report.findings.map((f) => f.severity)).toEqual(["blocker", "blocker"]);
  });

  it("does not run when disabled", async () => {
    const root = write({ "lib/app_web/controllers/export_controller.ex": CONTROLLER });
    const report = await analyze({ root, config: analyzerConfig({ enabled: false }) });
    expect(report.ran).toBe(false);
    expect(report.reason).toMatch(/analyzer.enabled/);
    expect(report.findings).toEqual([]);
  });
});
