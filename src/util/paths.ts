import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The elixir-agent installation root (where package.json, agent/ and examples/ live), from src/ or dist/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "agent"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the elixir-agent installation root (package.json + agent/)");
    dir = parent;
  }
  return dir;
}
