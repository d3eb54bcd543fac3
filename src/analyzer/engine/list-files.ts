import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { languageOf } from "./facts.js";
import { excludedPath } from "./skip.js";

/**
 * Elixir and template files under `dir` (repository-relative, POSIX), sorted. Symlinks are never
 * followed; dependency, build and hidden directories are not entered.
 */
export async function listElixirFiles(root: string, dir = ""): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith(".") || excludedPath(`${path}/x`)) continue;
        await walk(path);
      } else if (entry.isFile() && languageOf(path) && !excludedPath(path)) out.push(path);
    }
  };
  await walk(dir.replace(/\/+$/, ""));
  return out.sort();
}
