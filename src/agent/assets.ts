import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let agentDir: string | undefined;

/**
 * The `agent/` directory (prompt text and checklist data), found by walking up from this module:
 * it works from `src/agent` under tsx and from `dist/src/agent` after a build.
 */
export function agentAssetsDir(): string {
  if (agentDir) return agentDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "agent", "checklist.yaml"))) return (agentDir = join(dir, "agent"));
    dir = dirname(dir);
  }
  throw new Error("agent/checklist.yaml not found above src/agent: the agent's prompt files are missing from this install");
}

const cache = new Map<string, Promise<string>>();

/** Reads a file from `agent/` once per process. */
export function readAgentAsset(name: string): Promise<string> {
  let text = cache.get(name);
  if (!text) {
    text = readFile(join(agentAssetsDir(), name), "utf8");
    cache.set(name, text);
  }
  return text;
}
