import { execFileSync } from "node:child_process";
import { dirname } from "node:path";
import { describe } from "vitest";
import { ConfigSchema, type ConfigInput } from "../../../src/config/schema.js";
import { silentLogger } from "../../../src/logger.js";
import { createSandbox } from "../../../src/sandbox/index.js";
import { which } from "../../../src/sandbox/which.js";
import type { Sandbox } from "../../../src/sandbox/types.js";
import { runToolchain } from "../../../src/toolchain/index.js";
import type { StepId, StepResult, ToolchainReport } from "../../../src/toolchain/types.js";
import { DirectSandbox } from "../../helpers/direct-sandbox.js";
import { TEST_CACHE_DIR } from "../../helpers/test-cache.js";
import { fixtureWorkspace, type ElixirFixture, type FixtureWorkspace } from "./fixture.js";

function has(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const HAS_ELIXIR = has("elixir") && has("mix");
/** Real Elixir runs: skipped without Elixir, unless REQUIRE_ELIXIR=1 (then they fail). */
export const describeElixir = HAS_ELIXIR || process.env.REQUIRE_ELIXIR === "1" ? describe : describe.skip;

export const HAS_BWRAP = which("bwrap", process.env.PATH) !== undefined;
/** Real runs through bubblewrap: skipped without it (or Elixir), unless REQUIRE_BWRAP/REQUIRE_ELIXIR=1. */
export const describeBwrap =
  (HAS_ELIXIR && HAS_BWRAP) || process.env.REQUIRE_BWRAP === "1" || process.env.REQUIRE_ELIXIR === "1" ? describe : describe.skip;

export { TEST_CACHE_DIR };

export interface RunOptions {
  toolchain?: ConfigInput["toolchain"];
  writeCache?: boolean;
  cacheDir?: string;
  /** `direct` (default): the test-only host runner; `bubblewrap`: the real sandbox. */
  backend?: "direct" | "bubblewrap";
  env?: Record<string, string>;
  /** Changes the checkout before the run (e.g. adds a test file). */
  prepare?: (fx: FixtureWorkspace) => void;
  onStep?: (result: StepResult) => void;
  /** Keep the workspace (the caller cleans up). */
  keep?: boolean;
}

export interface FixtureRun {
  report: ToolchainReport;
  fx: FixtureWorkspace;
  step(id: StepId): StepResult;
}

export async function runFixture(name: ElixirFixture, options: RunOptions = {}): Promise<FixtureRun> {
  const fx = await fixtureWorkspace(name);
  options.prepare?.(fx);
  // Like the pipeline: from here on only the checkout-time snapshot of changed files is readable.
  fx.workspace.seal();
  let sandbox: Sandbox | undefined;
  const openSandbox = async (extra: { readOnlyPaths?: readonly string[] }): Promise<Sandbox> => {
    sandbox =
      options.backend === "bubblewrap"
        ? await createSandbox("bubblewrap", { workspace: fx.workspace.root, jobDir: dirname(fx.workspace.root), ...extra })
        : new DirectSandbox();
    return sandbox;
  };
  try {
    const report = await runToolchain({
      workspace: fx.workspace,
      openSandbox,
      config: ConfigSchema.parse({ toolchain: options.toolchain ?? {} }).toolchain,
      settings: { cacheDir: options.cacheDir ?? TEST_CACHE_DIR, cacheMaxMb: 4096 },
      cacheScope: `test/${name}`,
      writeCache: options.writeCache ?? false,
      signal: new AbortController().signal,
      log: silentLogger(),
      ...(options.env ? { env: options.env } : {}),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    });
    const step = (id: StepId) => {
      const found = report.steps.find((s) => s.id === id);
      if (!found) throw new Error(`no ${id} step in the report`);
      return found;
    };
    return { report, fx, step };
  } finally {
    await sandbox?.dispose();
    if (!options.keep) await fx.cleanup();
  }
}

/** `severity rule path:line` of a step's findings, sorted, for compact assertions. */
export function where(result: StepResult): string[] {
  return result.findings.map((f) => `${f.severity} ${f.rule} ${f.path ?? "-"}:${f.line ?? ""}`).sort();
}
