import type { MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages/messages";
import type { Logger } from "../logger.js";
import { parseAnswer, repairMessages } from "./answer.js";
import type { ClaudeClient } from "./client/claude-client.js";
import type { CallErrorKind } from "./client/retry.js";
import { addUsage, emptyUsage } from "./client/usage.js";
import type { Answer, answerSchema } from "./schema.js";
import type { TokenUsage } from "./types.js";

export type ChunkResult =
  | { ok: true; answer: Answer; usage: TokenUsage; calls: number }
  | { ok: false; reason: string; kind?: CallErrorKind; usage: TokenUsage; calls: number };

/** One chunk: the call, and at most one repair call when the answer is missing or invalid. */
export async function reviewChunk(
  client: ClaudeClient,
  request: MessageCreateParamsNonStreaming,
  schema: ReturnType<typeof answerSchema>,
  log: Logger,
  signal?: AbortSignal,
): Promise<ChunkResult> {
  const first = await client.createMessage(request, signal, log);
  if (!first.ok) return { ok: false, reason: first.error.message, kind: first.error.kind, usage: emptyUsage(), calls: 1 };
  const parsed = parseAnswer(first.message, schema);
  if (parsed.ok) return { ok: true, answer: parsed.answer, usage: first.usage, calls: 1 };

  log.info({ problem: parsed.problem.slice(0, 300) }, "agent answer invalid, asking once for a repair");
  const second = await client.createMessage({ ...request, messages: repairMessages(request.messages, first.message, parsed) }, signal, log);
  if (!second.ok) return { ok: false, reason: second.error.message, kind: second.error.kind, usage: first.usage, calls: 2 };
  const usage = addUsage(first.usage, second.usage);
  const repaired = parseAnswer(second.message, schema);
  if (repaired.ok) return { ok: true, answer: repaired.answer, usage, calls: 2 };
  log.warn({ problem: repaired.problem.slice(0, 300) }, "agent answer still invalid after the repair attempt");
  return { ok: false, reason: "the model's answer was invalid twice", usage, calls: 2 };
}
