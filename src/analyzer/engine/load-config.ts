import { parse } from "yaml";
import { z } from "zod";
import { ConfigSchema, defaultConfig, type Config } from "../../config/schema.js";
import { readRepoFile } from "../../workspace/files.js";

export const CONFIG_PATH = ".github/elixir-agent.yml";

/** The repository's configuration file (default when absent), or an error message saying what is wrong. */
export async function loadRepoConfig(root: string, path = CONFIG_PATH): Promise<{ config: Config } | { error: string }> {
  const text = await readRepoFile(root, path);
  if (text === undefined) return { config: defaultConfig() };
  let data: unknown;
  try {
    data = parse(text) ?? {};
  } catch (error) {
    return { error: `${path} is not valid YAML: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = ConfigSchema.safeParse(data);
  if (!result.success) return { error: `${path} is not a valid configuration:\n${z.prettifyError(result.error)}` };
  return { config: result.data };
}
