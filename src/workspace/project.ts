import { readdir } from "node:fs/promises";
import { isAbsolute, join, normalize, sep } from "node:path";
import { readRepoFile } from "./files.js";
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
 * mix.exs would run the PR author's code outside the sandbox. Reads never leave the checkout (a
 * PR's symlinked mix.exs or an `apps_path: "../.."` is not followed).
 */
export async function detectProject(root: string): Promise<ProjectShape> {
  const mixExs = await readRepoFile(root, "mix.exs");
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
  const toolVersions = await readRepoFile(root, ".tool-versions");
  if (toolVersions !== undefined) shape.toolVersions = parseToolVersions(toolVersions);
  if (mixExs === undefined) return shape;

  const mixTexts = [stripComments(mixExs)];
  const appsPath = /\bapps_path:\s*"([^"]+)"/.exec(mixTexts[0]!)?.[1];
  if (appsPath !== undefined) {
    shape.umbrella = true;
    shape.appsPath = appsPath;
    // The children are listed only inside the checkout: `apps_path: "../.."` lists nothing.
    const children = insideRepo(appsPath) ? await listDirs(join(root, appsPath)) : [];
    for (const app of children) {
      const childMix = await readRepoFile(root, `${appsPath}/${app}/mix.exs`);
      if (childMix === undefined) continue;
      shape.apps.push(`${appsPath}/${app}`);
      mixTexts.push(stripComments(childMix));
    }
  }
  const requirement = /\belixir:\s*"([^"]+)"/.exec(mixTexts.join("\n"))?.[1];
  if (requirement !== undefined) shape.elixirRequirement = requirement;

  const lock = (await readRepoFile(root, "mix.lock")) ?? "";
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

function insideRepo(path: string): boolean {
  return !isAbsolute(path) && !normalize(path).split(sep).includes("..");
}

async function listDirs(path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}
