import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { ProjectShape } from "./types.js";

const DEP_NAMES = {
  phoenix: "phoenix",
  phoenixLiveView: "phoenix_live_view",
  absinthe: "absinthe",
  ecto: "ecto",
  ectoSql: "ecto_sql",
  postgrex: "postgrex",
  credo: "credo",
  dialyxir: "dialyxir",
  excoveralls: "excoveralls",
} as const;

/**
 * Detects the project's shape from mix.exs, mix.lock and .tool-versions as *text*: evaluating
 * mix.exs would run the PR author's code outside the sandbox.
 */
export async function detectProject(root: string): Promise<ProjectShape> {
  const mixExs = await readText(join(root, "mix.exs"));
  const shape: ProjectShape = {
    mix: mixExs !== undefined,
    umbrella: false,
    apps: [],
    deps: {
      phoenix: false,
      phoenixLiveView: false,
      absinthe: false,
      ecto: false,
      ectoSql: false,
      postgrex: false,
      credo: false,
      dialyxir: false,
      excoveralls: false,
    },
  };
  const toolVersions = await readText(join(root, ".tool-versions"));
  if (toolVersions !== undefined) shape.toolVersions = parseToolVersions(toolVersions);
  if (mixExs === undefined) return shape;

  const mixTexts = [stripComments(mixExs)];
  const appsPath = /\bapps_path:\s*"([^"]+)"/.exec(mixTexts[0]!)?.[1];
  if (appsPath !== undefined) {
    shape.umbrella = true;
    shape.appsPath = appsPath;
    for (const app of await listDirs(join(root, appsPath))) {
      const childMix = await readText(join(root, appsPath, app, "mix.exs"));
      if (childMix === undefined) continue;
      shape.apps.push(`${appsPath}/${app}`);
      mixTexts.push(stripComments(childMix));
    }
  }
  const requirement = /\belixir:\s*"([^"]+)"/.exec(mixTexts.join("\n"))?.[1];
  if (requirement !== undefined) shape.elixirRequirement = requirement;

  const lock = (await readText(join(root, "mix.lock"))) ?? "";
  const locked = new Set([...lock.matchAll(/^\s*"([a-z0-9_]+)":\s*\{/gm)].map((m) => m[1]!));
  const declared = new Set(mixTexts.flatMap((t) => [...t.matchAll(/\{\s*:([a-z0-9_]+)\s*,/g)].map((m) => m[1]!)));
  for (const [key, name] of Object.entries(DEP_NAMES) as [keyof ProjectShape["deps"], string][]) {
    shape.deps[key] = declared.has(name) || locked.has(name);
  }
  // ecto_sql brings ecto; phoenix_live_view brings phoenix.
  if (shape.deps.ectoSql) shape.deps.ecto = true;
  return shape;
}

export function parseToolVersions(text: string): { elixir?: string; erlang?: string } {
  const out: { elixir?: string; erlang?: string } = {};
  for (const line of text.split("\n")) {
    const [tool, version] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (!version) continue;
    if (tool === "elixir") out.elixir = version;
    if (tool === "erlang") out.erlang = version;
  }
  return out;
}

function stripComments(source: string): string {
  return source
    .split("\n")
    .map((line) => line.replace(/#(?![{]).*$/, ""))
    .join("\n");
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

async function listDirs(path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}
