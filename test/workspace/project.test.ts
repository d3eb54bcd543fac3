import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectProject, parseToolVersions } from "../../src/workspace/project.js";

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ea-proj-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("detectProject (text only, no project code runs)", () => {
  it("reports a repository without mix.exs", async () => {
    const shape = await detectProject(tree({ "README.md": "hi" }));
    expect(shape.mix).toBe(false);
    expect(Object.values(shape.deps).some(Boolean)).toBe(false);
  });

  it("detects a Phoenix + LiveView + Ecto app with credo and dialyxir, ignoring comments", async () => {
    const shape = await detectProject(
      tree({
        "mix.exs": `defmodule MyApp.MixProject do
  use Mix.Project
  def project, do: [app: :my_app, elixir: "~> 1.15", deps: deps()]
  defp deps do
    [
      {:phoenix, "~> 1.7.10"},
      {:phoenix_live_view, "~> 0.20"},
      {:ecto_sql, "~> 3.10"},
      {:postgrex, ">= 0.0.0"},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
      {:dialyxir, "~> 1.4", only: [:dev], runtime: false}
      # {:absinthe, "~> 1.7"}
    ]
  end
end
`,
        ".tool-versions": "erlang 26.2.1\nelixir 1.16.0-otp-26 # pinned\n",
      }),
    );
    expect(shape).toMatchObject({ mix: true, umbrella: false, elixirRequirement: "~> 1.15", toolVersions: { elixir: "1.16.0-otp-26", erlang: "26.2.1" } });
    expect(shape.deps).toMatchObject({ phoenix: true, phoenixLiveView: true, ecto: true, ectoSql: true, postgrex: true, credo: true, dialyxir: true, absinthe: false });
  });

  it("detects an umbrella with a custom apps path and deps declared only in a child", async () => {
    const shape = await detectProject(
      tree({
        "mix.exs": 'defmodule Umb.MixProject do\n  def project, do: [apps_path: "components", deps: []]\nend\n',
        "components/api/mix.exs": 'defmodule Api.MixProject do\n  def project, do: [deps: [{:absinthe, "~> 1.7"}, {:core, in_umbrella: true}]]\nend\n',
        "components/core/mix.exs": 'defmodule Core.MixProject do\n  def project, do: [elixir: "~> 1.14", deps: []]\nend\n',
        "components/notes/README.md": "not an app",
      }),
    );
    expect(shape).toMatchObject({ umbrella: true, appsPath: "components", apps: ["components/api", "components/core"], elixirRequirement: "~> 1.14" });
    expect(shape.deps.absinthe).toBe(true);
  });

  it("reads deps from mix.lock when mix.exs builds them dynamically", async () => {
    const shape = await detectProject(
      tree({
        "mix.exs": "defmodule X.MixProject do\n  def project, do: [deps: Enum.map(@deps, & &1)]\nend\n",
        "mix.lock": '%{\n  "credo": {:hex, :credo, "1.7.5", "abc", [:mix], [], "hexpm", "def"},\n  "excoveralls": {:hex, :excoveralls, "0.18.0", "x", [:mix], [], "hexpm", "y"},\n}\n',
      }),
    );
    expect(shape.deps).toMatchObject({ credo: true, excoveralls: true, dialyxir: false });
  });

  it("never reads outside the checkout: symlinked mix files and an escaping apps_path are ignored", async () => {
    const outside = tree({ "mix.lock": '%{\n  "phoenix": {:hex, :phoenix, "1.7.0"},\n}\n', "evil/mix.exs": "defmodule Evil do\n  defp deps, do: [{:absinthe, \"~> 1.7\"}]\nend\n" });
    const dir = tree({ "mix.exs": 'defmodule U.MixProject do\n  def project, do: [apps_path: "../' + outside.split("/").pop() + '"]\nend\n' });
    symlinkSync(join(outside, "mix.lock"), join(dir, "mix.lock"));
    const shape = await detectProject(dir);
    expect(shape).toMatchObject({ mix: true, umbrella: true, apps: [] });
    expect(shape.deps.phoenix).toBe(false);
    expect(shape.deps.absinthe).toBe(false);

    const linked = tree({});
    symlinkSync(join(outside, "evil/mix.exs"), join(linked, "mix.exs"));
    expect((await detectProject(linked)).mix).toBe(false);
  });

  it("parses .tool-versions with comments and blank lines", () => {
    expect(parseToolVersions("# asdf\n\nelixir 1.18.1\n  erlang   27.1 \nnodejs 20\n")).toEqual({ elixir: "1.18.1", erlang: "27.1" });
  });
});
