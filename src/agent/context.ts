import type { TextBlockParam, Tool } from "@anthropic-ai/sdk/resources/messages/messages";
import { readAgentAsset } from "./assets.js";
import type { ChecklistItem } from "./checklist.js";
import { loadChecklist, renderChecklist } from "./checklist.js";
import { buildEvidence } from "./evidence.js";
import { selectFiles } from "./files.js";
import type { Plan } from "./plan.js";
import { planChunks } from "./plan.js";
import { systemBlocks } from "./prompt.js";
import { answerSchema, submitTool } from "./schema.js";
import { estimateTokens } from "./tokens.js";
import type { AgentInput } from "./types.js";

/** Tokens kept free in each chunk for the header, repository guidance and the list of other files. */
const HEADER_SLACK = 2_500;
/** The PR description is cut at this many characters. */
export const BODY_CHARS = 9_000;

export interface ReviewContext {
  items: ChecklistItem[];
  schema: ReturnType<typeof answerSchema>;
  tool: Tool;
  system: TextBlockParam[];
  /** Global toolchain lines, cut to at most 15 % of the budget. */
  toolchain: string[];
  plan: Plan;
  /** Excluded files plus files the plan could not (fully) show. */
  notSeen: { path: string; reason: string }[];
}

/** Everything that does not need the API: the stable prefix, the evidence and the chunk plan. */
export async function prepareContext(input: AgentInput): Promise<ReviewContext | { skip: string; notSeen: ReviewContext["notSeen"] }> {
  const { config } = input;
  const all = await loadChecklist();
  const schema = answerSchema(all.map((i) => i.id) as [string, ...string[]]);
  const tool = submitTool(schema);
  const system = systemBlocks(await readAgentAsset("reviewer.md"), renderChecklist(all));

  const { reviewable, excluded } = selectFiles(input.diff, input.ignorePaths ?? []);
  if (!reviewable.length) {
    return { skip: "the change has no reviewable files (only lockfiles, generated, binary or ignored files)", notSeen: excluded };
  }
  const contents = new Map(
    await Promise.all(
      reviewable.map(async (f) => [f.path, f.status === "deleted" ? undefined : await readQuietly(input, f.path)] as const),
    ),
  );
  const evidence = buildEvidence(input.toolchain, input.analyzerFindings, new Set(reviewable.map((f) => f.path)));
  const toolchain = clipLines(evidence.global, Math.floor(config.inputTokenBudget * 0.15));
  const fixed =
    estimateTokens(system.map((b) => b.text).join("\n") + JSON.stringify(tool)) +
    estimateTokens(input.pr.title + input.pr.body.slice(0, BODY_CHARS)) +
    estimateTokens(toolchain.join("\n")) +
    HEADER_SLACK;
  const perChunk = config.inputTokenBudget - fixed;
  if (perChunk < 1_000) {
    return { skip: `agent.inputTokenBudget (${config.inputTokenBudget}) is too small for the instructions and the evidence`, notSeen: excluded };
  }
  const plan = planChunks(reviewable, contents, evidence, perChunk, config.maxCalls);
  return {
    items: all.filter((item) => !config.disabledItems.includes(item.id)),
    schema,
    tool,
    system,
    toolchain,
    plan,
    notSeen: [...excluded, ...plan.notSeen],
  };
}

/** File context is optional: a file that cannot be read is shown as hunks only. */
async function readQuietly(input: AgentInput, path: string): Promise<string | undefined> {
  try {
    return await input.readFile(path);
  } catch (error) {
    input.log.warn({ path, err: error instanceof Error ? error.message : String(error) }, "agent could not read a changed file; showing its hunks only");
    return undefined;
  }
}

function clipLines(lines: readonly string[], maxTokens: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    used += estimateTokens(line) + 1;
    if (used > maxTokens) {
      out.push(`… ${lines.length - out.length} more lines of tool results not shown`);
      break;
    }
    out.push(line);
  }
  return out;
}
