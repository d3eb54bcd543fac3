import { posix } from "node:path";
import { readRepoFile } from "../workspace/files.js";
import type { ProjectShape } from "../workspace/types.js";
import { usesHex } from "./deps/step.js";
import type { MixApp } from "./types.js";

/** What the toolchain needs to know from the project's Mix files. */
export interface ProjectFacts {
  /** mix.lock as checked out: part of the cache keys. */
  mixLock?: string;
  /** The project's apps (the root, or each umbrella child) before compiling. */
  apps: MixApp[];
  usesHex: boolean;
}

/**
 * Reads mix.exs (of the root and each umbrella child) and mix.lock from the checkout as text. The
 * orchestrator calls it before any project code has run in the sandbox, so the files are still the
 * PR's own (`Workspace.readFile` is sealed to the changed files by then).
 */
export async function readProjectFacts(root: string, project: ProjectShape, mixEnv: string): Promise<ProjectFacts> {
  const dirs = project.umbrella ? project.apps : ["."];
  const apps: MixApp[] = [];
  const texts: string[] = [];
  const rootMix = await readRepoFile(root, "mix.exs");
  if (rootMix !== undefined && project.umbrella) texts.push(rootMix);
  for (const dir of dirs) {
    const mix = dir === "." ? rootMix : await readRepoFile(root, `${dir}/mix.exs`);
    if (mix !== undefined) texts.push(mix);
    const name = (mix && /\bapp:\s*:(\w+)/.exec(mix)?.[1]) ?? (dir === "." ? undefined : posix.basename(dir));
    if (name) apps.push({ app: name, path: dir, ebin: `_build/${mixEnv}/lib/${name}/ebin` });
  }
  const mixLock = await readRepoFile(root, "mix.lock");
  const facts: ProjectFacts = { apps, usesHex: usesHex(texts, mixLock) };
  if (mixLock !== undefined) facts.mixLock = mixLock;
  return facts;
}
