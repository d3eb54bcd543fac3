import { parseDocument } from "yaml";
import { z } from "zod";
import { ConfigSchema, defaultConfig, type Config } from "./schema.js";

export const CONFIG_PATH = ".github/elixir-agent.yml";

export type ConfigResult =
  | { ok: true; config: Config; source: "file" | "default" }
  | { ok: false; error: string };

/**
 * Parses the text of `.github/elixir-agent.yml`. An invalid file is an error that names the field
 * and the problem — never a crash and never a silent fall-back to defaults.
 */
export function parseConfig(text: string | undefined, origin = CONFIG_PATH): ConfigResult {
  if (text === undefined) return { ok: true, config: defaultConfig(), source: "default" };
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    return { ok: false, error: `${origin} is not valid YAML: ${first.message.split("\n")[0]}` };
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, error: `${origin} must be a mapping of settings (got ${Array.isArray(data) ? "a list" : typeof data}).` };
  }
  const parsed = ConfigSchema.safeParse(data);
  if (!parsed.success) {
    return { ok: false, error: `${origin} has invalid settings:\n${z.prettifyError(parsed.error)}` };
  }
  return { ok: true, config: parsed.data, source: "file" };
}

/** Minimal Octokit surface used to read the file (keeps this testable and GHE-agnostic). */
export interface ContentsReader {
  request(route: "GET /repos/{owner}/{repo}/contents/{path}", params: {
    owner: string;
    repo: string;
    path: string;
    ref: string;
  }): Promise<{ data: unknown }>;
}

/** Reads the config from the repository's DEFAULT branch, so a PR cannot switch off its own gate. */
export async function loadRepoConfig(
  octokit: ContentsReader,
  repo: { owner: string; name: string; defaultBranch: string },
): Promise<ConfigResult> {
  let text: string | undefined;
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: repo.owner,
      repo: repo.name,
      path: CONFIG_PATH,
      ref: repo.defaultBranch,
    });
    const file = data as { type?: string; content?: string; encoding?: string };
    if (file.type !== "file" || typeof file.content !== "string") {
      return { ok: false, error: `${CONFIG_PATH} on ${repo.defaultBranch} is not a file.` };
    }
    text = Buffer.from(file.content, (file.encoding as BufferEncoding | undefined) ?? "base64").toString("utf8");
  } catch (error) {
    if ((error as { status?: number }).status === 404) return parseConfig(undefined);
    throw error;
  }
  return parseConfig(text, `${CONFIG_PATH} (${repo.defaultBranch})`);
}
