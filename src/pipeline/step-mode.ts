import { agentNotRun } from "../agent/not-run.js";
import type { Stages } from "./stages.js";
import type { JobRequest } from "./types.js";

/**
 * Stage replacements for a job in mode `step` (`/elixir-agent rerun <step>`): the toolchain and the
 * analyzer run as usual (the toolchain reads `request.mode` / `request.step`), the AI review does
 * not — a re-run of one tool buys no new reading of the diff.
 */
export function stepModeStages(request: JobRequest): Partial<Stages> {
  const reason = `not re-run: \`/elixir-agent rerun ${request.step ?? "<step>"}\` re-runs one toolchain step`;
  return { agent: async () => agentNotRun("skipped", reason) };
}
