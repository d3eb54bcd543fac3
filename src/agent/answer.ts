import type { ContentBlockParam, Message, MessageParam } from "@anthropic-ai/sdk/resources/messages/messages";
import { z } from "zod";
import type { Answer, answerSchema } from "./schema.js";
import { SUBMIT_TOOL } from "./schema.js";

export type Parsed =
  | { ok: true; answer: Answer }
  | { ok: false; problem: string; toolUseId?: string };

/** Finds the `submit_review` call in a response and validates it; never parses free text. */
export function parseAnswer(message: Message, schema: ReturnType<typeof answerSchema>): Parsed {
  const call = message.content.find((block) => block.type === "tool_use" && block.name === SUBMIT_TOOL);
  if (!call || call.type !== "tool_use") {
    const cut = message.stop_reason === "max_tokens" ? " The answer was cut off at the output limit." : "";
    return { ok: false, problem: `You did not call ${SUBMIT_TOOL}.${cut}` };
  }
  if (message.stop_reason === "max_tokens") {
    return { ok: false, problem: "Your answer was cut off at the output limit: submit a shorter one (fewer, shorter comments and evidence).", toolUseId: call.id };
  }
  const result = schema.safeParse(call.input);
  if (!result.success) return { ok: false, problem: `The answer does not match the schema:\n${z.prettifyError(result.error)}`, toolUseId: call.id };
  return { ok: true, answer: result.data };
}

/**
 * The conversation for the one repair attempt: the first answer exactly as returned (thinking
 * blocks must go back unmodified), then the validation problem — as the tool's error result when
 * the model did call the tool, as plain text otherwise.
 */
export function repairMessages(original: MessageParam[], response: Message, parsed: Extract<Parsed, { ok: false }>): MessageParam[] {
  const instruction = `${parsed.problem}\nCall ${SUBMIT_TOOL} again, once, with a complete and valid answer. Do not add anything else.`;
  const toolResults: ContentBlockParam[] = response.content
    .filter((block) => block.type === "tool_use")
    .map((block) => ({
      type: "tool_result" as const,
      tool_use_id: block.id,
      is_error: true,
      content: block.id === parsed.toolUseId ? instruction : "Not executed: only one call is accepted.",
    }));
  const content: ContentBlockParam[] = toolResults.length ? toolResults : [{ type: "text", text: instruction }];
  return [...original, { role: "assistant", content: response.content as ContentBlockParam[] }, { role: "user", content }];
}
