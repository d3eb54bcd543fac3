import type { AgentStageInput } from "../pipeline/stages.js";
import { runAgent } from "./run.js";
import type { AgentReport } from "./types.js";

/** The pipeline's agent stage (`Stages.agent`): the job's data mapped onto `runAgent`. */
export function agentStage(input: AgentStageInput): Promise<AgentReport> {
  const { request, workspace, config } = input;
  return runAgent({
    pr: { title: request.pr.title ?? "", body: request.pr.body ?? "" },
    diff: workspace.diff,
    readFile: (path) => workspace.readFile(path),
    toolchain: input.toolchain,
    analyzerFindings: input.analyzerFindings,
    config: config.agent,
    ignorePaths: config.review.ignorePaths,
    maxComments: config.review.maxComments,
    settings: input.settings,
    secrets: input.secrets,
    signal: input.signal,
    log: input.log,
  });
}
