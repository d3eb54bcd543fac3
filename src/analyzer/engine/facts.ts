/** What a path says about a file: the rules' notion of lib, test, config, migration … code. */
export interface FileFacts {
  language: "elixir" | "template";
  /** `.exs` (scripts, tests, config) rather than compiled `.ex`. */
  script: boolean;
  /** Under a `test/` directory (tests and test support). */
  test: boolean;
  /** An ExUnit test case file (`*_test.exs`). */
  testCase: boolean;
  /** `config/*.exs`. */
  config: boolean;
  /** A per-environment config that never runs in production (`dev.exs`, `test.exs`). */
  nonProdConfig: boolean;
  /** An `.exs` under a `migrations` directory (`priv/repo/migrations`). */
  migration: boolean;
  /** Under `lib/mix/` (Mix tasks and their helpers: developer tooling, not the running application). */
  mixTask: boolean;
  /** Application code: `.ex` (or template) under `lib/`, outside tests and tasks. */
  lib: boolean;
  /** Phoenix web layer by path (`*_web/`, `controllers/`, `live/`, `channels/`, `views/`, `components/`). */
  web: boolean;
}

export const ELIXIR_EXTENSIONS = [".ex", ".exs"] as const;
export const TEMPLATE_EXTENSIONS = [".heex", ".leex", ".eex", ".sface"] as const;

/** The language of a path, or undefined when the analyzer does not read it. */
export function languageOf(path: string): FileFacts["language"] | undefined {
  if (ELIXIR_EXTENSIONS.some((e) => path.endsWith(e))) return "elixir";
  if (TEMPLATE_EXTENSIONS.some((e) => path.endsWith(e))) return "template";
  return undefined;
}

export function factsOf(path: string): FileFacts | undefined {
  const language = languageOf(path);
  if (!language) return undefined;
  const segments = path.split("/");
  const dirs = segments.slice(0, -1);
  const base = segments[segments.length - 1] ?? "";
  const script = path.endsWith(".exs");
  const test = dirs.some((d) => d === "test" || d === "integration_test" || d === "tests") || base.endsWith("_test.exs");
  const config = script && dirs[dirs.length - 1] === "config";
  const mixTask = /(^|\/)lib\/mix\//.test(path);
  const migration = script && dirs.includes("migrations");
  const lib = !script && !test && !mixTask && dirs.includes("lib");
  return {
    language,
    script,
    test,
    testCase: base.endsWith("_test.exs"),
    config,
    nonProdConfig: config && /^(dev|test)([._].*)?\.exs$/.test(base),
    migration,
    mixTask,
    lib,
    web: dirs.some((d) => d.endsWith("_web") || ["controllers", "live", "channels", "views", "components", "templates"].includes(d)),
  };
}
