import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

/**
 * Operator settings, from the environment of the app (or the CLI). Unlike `.github/elixir-agent.yml`
 * these decide isolation and cost, so a repository can never change them.
 */
const SettingsSchema = z.object({
  /** Sandbox backend for PR code: `auto` picks bubblewrap on Linux when it works. `none` is refused by the app. */
  sandbox: z.enum(["auto", "bubblewrap", "docker", "none"]).default("auto"),
  /** docker backend: image for toolchain runs (an official Elixir image by default). */
  dockerImage: z.string().optional(),
  /** Where job directories (checkouts, HOME of the sandbox) are created. */
  workDir: z.string().default(join(tmpdir(), "elixir-agent")),
  /** Where deps/_build/PLT caches live. */
  cacheDir: z.string().default(join(tmpdir(), "elixir-agent-cache")),
  /** Cache size cap in MiB (LRU eviction). */
  cacheMaxMb: z.coerce.number().int().min(100).default(10_240),
  /** Jobs running at once. */
  concurrency: z.coerce.number().int().min(1).max(64).default(2),
  /** Anthropic API key; absent means the review runs without the AI part and says so. */
  anthropicApiKey: z.string().min(1).optional(),
  /** Default model id (config `agent.model` overrides it per repo). */
  model: z.string().default("claude-sonnet-5-5"),
  /** Anthropic API base URL (tests, proxies). */
  anthropicBaseUrl: z.string().url().optional(),
});

export type Settings = z.infer<typeof SettingsSchema>;

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const pick = (name: string) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);
  return SettingsSchema.parse({
    sandbox: pick("ELIXIR_AGENT_SANDBOX"),
    dockerImage: pick("ELIXIR_AGENT_DOCKER_IMAGE"),
    workDir: pick("ELIXIR_AGENT_WORK_DIR"),
    cacheDir: pick("ELIXIR_AGENT_CACHE_DIR"),
    cacheMaxMb: pick("ELIXIR_AGENT_CACHE_MAX_MB"),
    concurrency: pick("ELIXIR_AGENT_CONCURRENCY"),
    anthropicApiKey: pick("ANTHROPIC_API_KEY"),
    model: pick("ELIXIR_AGENT_MODEL"),
    anthropicBaseUrl: pick("ANTHROPIC_BASE_URL"),
  });
}

/** Exact secret strings the redactor must remove from anything posted or logged. */
export function configuredSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return ["ANTHROPIC_API_KEY", "WEBHOOK_SECRET", "PRIVATE_KEY", "GITHUB_TOKEN", "GH_TOKEN"]
    .map((name) => env[name])
    .filter((value): value is string => typeof value === "string" && value.length >= 8);
}
