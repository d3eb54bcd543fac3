import { configuredSecrets } from "../settings.js";

/**
 * The sandbox's environment is built from nothing: a fixed base plus what a step asks for, each
 * name on an allowlist. Nothing of the app's own environment passes through.
 */

const EXACT = new Set([
  "PATH",
  "HOME",
  "TMPDIR",
  "LANG",
  "LC_ALL",
  "TERM",
  "TZ",
  "CI",
  "NO_COLOR",
  "DATABASE_URL",
  "MIX_ENV",
  "MIX_HOME",
  "HEX_HOME",
]);
const PREFIXES = ["MIX_", "HEX_", "ELIXIR_", "ERL_", "REBAR_", "PG", "EXCOVERALLS_", "ELIXIR_AGENT_"];

export function isAllowedEnvName(name: string): boolean {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) && (EXACT.has(name) || PREFIXES.some((p) => name.startsWith(p)));
}

export const SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin";

export interface SandboxEnvOptions {
  /** HOME as seen by the command (inside the job directory). */
  home: string;
  /** TMPDIR as seen by the command. */
  tmp?: string;
  path?: string;
  mixEnv?: string;
  /** Added on top; every name must be allowlisted. */
  extra?: Readonly<Record<string, string>>;
}

/** The complete environment of a sandboxed command. Throws on a name that is not allowlisted. */
export function sandboxEnv(options: SandboxEnvOptions): Record<string, string> {
  const env: Record<string, string> = {
    PATH: options.path ?? SANDBOX_PATH,
    HOME: options.home,
    TMPDIR: options.tmp ?? "/tmp",
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    TERM: "dumb",
    MIX_HOME: `${options.home}/.mix`,
    HEX_HOME: `${options.home}/.hex`,
  };
  if (options.mixEnv !== undefined) env.MIX_ENV = options.mixEnv;
  for (const [name, value] of Object.entries(options.extra ?? {})) {
    if (!isAllowedEnvName(name)) {
      throw new Error(`sandbox env: \`${name}\` is not on the allowlist (see isAllowedEnvName in src/sandbox/env.ts)`);
    }
    env[name] = value;
  }
  return env;
}

const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PRIVATE_KEY|API_KEY|CREDENTIAL/i;

/** Secret values of the app's environment: the configured ones plus anything named like a secret. */
export function hostSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const named = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === "string" && value.length >= 12)
    .map(([, value]) => value as string);
  return [...new Set([...configuredSecrets(env), ...named])];
}

/** Throws when any of the strings sent into the sandbox contains a secret of the app. */
export function assertNoSecrets(values: readonly string[], secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (values.some((value) => value.includes(secret))) {
      throw new Error("sandbox: refusing to pass a secret of the app into the sandbox (env value or argument)");
    }
  }
}
