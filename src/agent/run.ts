import { agentNotRun } from "./not-run.js";
import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages/messages";
import { costOf, priceFor } from "./client/prices.js";
import { sharedClient } from "./client/shared.js";
import { addUsage, emptyUsage } from "./client/usage.js";
import type { ReviewContext } from "./context.js";
import { BODY_CHARS, prepareContext } from "./context.js";
import { Delimiter } from "./delimit.js";
import { mergeAnswers } from "./merge.js";
import { defuseReport } from "./output.js";
import type { Chunk } from "./plan.js";
import { chunkMessage } from "./prompt.js";
import { redact, redactDeep } from "./redact.js";
import { reviewChunk } from "./review-chunk.js";
import { sanitizeCode } from "./sanitize.js";
import type { Answer } from "./schema.js";
import type { AgentInput, AgentReport, TokenUsage } from "./types.js";

/** These failures end the review at once: later chunks would fail the same way. */
const FATAL: ReadonlySet<string> = new Set(["circuit_open", "aborted", "auth", "not_found"]);
/** Other changed files named in a part's request (the rest are counted). */
const ELSEWHERE_MAX = 40;

/**
 * The Claude review stage. Never throws for API trouble: without a key, when switched off or when
 * the API fails, the report says plainly that the AI review did not (fully) run, and the
 * deterministic evidence carries the review. The model never decides the gate.
 */
export async function runAgent(input: AgentInput): Promise<AgentReport> {
  const { config, settings, log } = input;
  const model = config.model ?? settings.model;
  const allPaths = input.diff.map((f) => f.path);
  const notRun = (status: "skipped" | "failed", reason: string, extra: Partial<AgentReport> = {}): AgentReport =>
    agentNotRun(status, reason, { model, filesNotSeen: allPaths, ...extra });
  if (!config.enabled) return notRun("skipped", "it is switched off for this repository (agent.enabled: false)");
  if (!settings.anthropicApiKey) return notRun("skipped", "no ANTHROPIC_API_KEY is configured for this app");

  const context = await prepareContext(input);
  if ("skip" in context) return notRun("skipped", context.skip, { notSeen: context.notSeen });
  if (!context.plan.chunks.length) return notRun("skipped", "no changed file fits agent.inputTokenBudget", { notSeen: context.notSeen });
  const client = input.client ?? sharedClient(settings.anthropicApiKey, settings.anthropicBaseUrl);

  let usage: TokenUsage = emptyUsage();
  let calls = 0;
  const answers: Answer[] = [];
  const failed: { chunk: Chunk; reason: string }[] = [];
  let stop = false;
  for (const [i, chunk] of context.plan.chunks.entries()) {
    if (stop) {
      failed.push({ chunk, reason: failed[failed.length - 1]!.reason });
      continue;
    }
    const request = buildRequest(input, context, chunk, i, model);
    const result = await reviewChunk(client, request, context.schema, log.child({ part: i + 1 }), input.signal);
    calls += result.calls;
    usage = addUsage(usage, result.usage);
    if (result.ok) answers.push(result.answer);
    else {
      failed.push({ chunk, reason: result.reason });
      stop = result.kind !== undefined && FATAL.has(result.kind);
    }
  }

  const price = priceFor(model, config.prices);
  const accounting = { usage, calls, ...(price ? { costUsd: costOf(usage, price) } : {}) };
  log.info({ model, calls, usage, costUsd: accounting.costUsd, parts: context.plan.chunks.length, failed: failed.length }, "agent review finished");
  const unique = [...new Set(failed.map((f) => f.reason))];
  const reasons = unique.filter((r) => !unique.some((o) => o !== r && o.includes(r))).join("; ");
  if (!answers.length) return notRun("failed", reasons, { ...accounting, notSeen: context.notSeen });

  const unanswered = new Set(failed.flatMap((f) => f.chunk.paths));
  const seen = context.plan.seen.filter((p) => !unanswered.has(p));
  const notSeen = [...context.notSeen, ...[...unanswered].map((path) => ({ path, reason: "the model call for its part failed" }))];
  const merged = mergeAnswers(answers, {
    diff: input.diff,
    items: context.items.map((i) => i.id),
    hypothesisCount: input.analyzerFindings.length,
    maxComments: input.maxComments ?? 10,
    shown: new Set(seen),
  });
  const report: AgentReport = {
    status: failed.length ? "partial" : "ran",
    ...(failed.length ? { reason: `Part of the AI review failed (${reasons}); the files of those parts were not reviewed by the model.` } : {}),
    model,
    checklist: merged.checklist,
    findings: merged.findings,
    summary: merged.summary,
    filesSeen: seen,
    filesNotSeen: allPaths.filter((p) => !seen.includes(p)),
    notSeen,
    hypotheses: merged.hypotheses,
    ...accounting,
  };
  return redactDeep(defuseReport(report), input.secrets);
}

function buildRequest(input: AgentInput, context: ReviewContext, chunk: Chunk, index: number, model: string): MessageCreateParamsNonStreaming {
  const reasons = new Map(context.notSeen.map((n) => [n.path, n.reason]));
  const others = input.diff.filter((f) => !chunk.paths.includes(f.path));
  const elsewhere = others
    .slice(0, ELSEWHERE_MAX)
    .map((f) => sanitizeCode(`${f.path}: ${reasons.get(f.path) ?? "reviewed in another part"}`));
  if (others.length > ELSEWHERE_MAX) elsewhere.push(`… and ${others.length - ELSEWHERE_MAX} more files`);
  const body = input.pr.body.length > BODY_CHARS ? `${input.pr.body.slice(0, BODY_CHARS)}\n… (the rest is not shown)` : input.pr.body;
  const text = chunkMessage({
    delimiter: new Delimiter(),
    part: index + 1,
    parts: context.plan.chunks.length,
    title: input.pr.title,
    body,
    disabledItems: input.config.disabledItems,
    instructions: input.config.instructions,
    toolchain: [...context.toolchain, ...chunk.tools],
    hypotheses: chunk.hypotheses,
    files: chunk.files,
    paths: chunk.paths,
    elsewhere,
  });
  return {
    model,
    max_tokens: input.config.maxOutputTokens,
    system: context.system,
    tools: [context.tool],
    // Forced tool choice is rejected by current models (Opus/Sonnet 5.5) and with thinking on;
    // the prompt asks for exactly one call and a missing call gets the repair attempt.
    tool_choice: { type: "auto", disable_parallel_tool_use: true },
    messages: [{ role: "user", content: [{ type: "text", text: redact(text, input.secrets) }] }],
    ...(input.config.effort ? { output_config: { effort: input.config.effort } } : {}),
  };
}
