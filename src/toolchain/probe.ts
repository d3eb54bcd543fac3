import type { Sandbox } from "../sandbox/types.js";
import { infraFailure, joinOutput } from "./exec.js";
import { helperPath } from "./helpers.js";
import { tailLines } from "./text/ansi.js";
import type { ToolVersions } from "./types.js";
import { parseProbe } from "./versions/probe.js";

const PROBE_MS = 120_000;

/** Asks the sandbox which Elixir and OTP it runs (no project code involved). */
export async function probeVersions(
  sandbox: Sandbox,
  root: string,
  helpersDir: string,
  env: Record<string, string>,
  signal: AbortSignal,
): Promise<ToolVersions | { error: string }> {
  const result = await sandbox.run({
    command: "elixir",
    args: [helperPath(helpersDir, "probe.exs")],
    cwd: root,
    env,
    network: "none",
    limits: { wallMs: PROBE_MS },
    signal,
  });
  const infra = infraFailure("elixir", result, PROBE_MS);
  if (infra) return { error: `Elixir could not run in the sandbox: ${infra}` };
  const versions = parseProbe(result.stdout);
  if (versions) return versions;
  return { error: `Elixir could not run in the sandbox (exit ${result.exitCode}): ${tailLines(joinOutput(result), 5)}` };
}
