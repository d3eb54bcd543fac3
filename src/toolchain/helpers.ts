import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `agent/elixir`: the Elixir-side helpers, injected with `elixir -r <file> -S mix …` and never
 * copied into the project. The sandbox must see this directory read-only at the same path
 * (`toolchainSandboxOptions()`). Same relative location from `src/toolchain` and `dist/toolchain`.
 */
export const HELPERS_DIR = fileURLToPath(new URL("../../agent/elixir/", import.meta.url)).replace(/\/$/, "");

export type HelperFile = "compile_task.exs" | "ex_unit_json_formatter.exs" | "format_task.exs" | "probe.exs";

export function helperPath(helpersDir: string, file: HelperFile): string {
  return join(helpersDir, file);
}
