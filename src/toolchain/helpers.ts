import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SandboxOptions } from "../sandbox/types.js";

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

/** What the sandbox must bind for the toolchain: `agent/elixir`, read-only, at the same path. */
export function toolchainSandboxOptions(): Pick<SandboxOptions, "readOnlyPaths"> {
  return { readOnlyPaths: [HELPERS_DIR] };
}
