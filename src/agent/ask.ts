import type { Config } from "../config/schema.js";
import type { Logger } from "../logger.js";
import type { Settings } from "../settings.js";
import type { DiffFile } from "../workspace/types.js";
import { readAgentAsset } from "./assets.js";
import type { ClaudeClient } from "./client/claude-client.js";
import { costOf, priceFor } from "./client/prices.js";
import { sharedClient } from "./client/shared.js";
import { emptyUsage } from "./client/usage.js";
import { Delimiter } from "./delimit.js";
import { selectFiles } from "./files.js";
import { defuseMentions } from "./output.js";
import { redact } from "./redact.js";
import { renderFile } from "./render-diff.js";
import { sanitizeCode, sanitizeProse } from "./sanitize.js";
import { estimateTokens } from "./tokens.js";
import type { TokenUsage } from "./types.js";

export interface AskInput {
  /** The question from the comment, without the `/elixir-agent ask` prefix. Untrusted. */
  question: string;
  /** Untrusted. */
  pr?: { title: string; body: string };
  /** The change, shown as numbered hunks (source first) within `config.inputTokenBudget`. */
  diff?: readonly DiffFile[];
  /** Extra untrusted context, e.g. the last review's summary or a tool log excerpt. */
  context?: string;
  config: Config["agent"];
  settings: Pick<Settings, "anthropicApiKey" | "model" | "anthropicBaseUrl">;
  secrets: readonly string[];
  /** Output limit for the answer (default 2048). */
  maxOutputTokens?: number;
  client?: ClaudeClient;
  signal?: AbortSignal;
  log: Logger;
}

export type AskResult =
  | { ok: true; answer: string; model: string; usage: TokenUsage; costUsd?: number; filesShown: string[] }
  | { ok: false; reason: string; model: string; usage: TokenUsage; costUsd?: number };

/**
 * Answers one question about a pull request (`/elixir-agent ask <question>`). Same guarantees as
 * the review: sanitised and delimited input, no tools, redacted output, one call with retries and
 * the shared circuit breaker; never throws for API trouble.
 */
export async function askClaude(input: AskInput): Promise<AskResult> {
  const model = input.config.model ?? input.settings.model;
  const usage0 = emptyUsage();
  if (!input.config.enabled) return { ok: false, reason: "the AI agent is switched off for this repository (agent.enabled: false)", model, usage: usage0 };
  if (!input.settings.anthropicApiKey) return { ok: false, reason: "no ANTHROPIC_API_KEY is configured for this app", model, usage: usage0 };
  const question = sanitizeProse(input.question);
  if (!question) return { ok: false, reason: "the question is empty", model, usage: usage0 };

  const d = new Delimiter();
  const parts = [d.announce(), "", "## Question", d.wrap("question", question)];
  if (input.pr) parts.push("", "## Pull request", d.wrap("pr-title", sanitizeProse(input.pr.title)), d.wrap("pr-body", sanitizeProse(input.pr.body).slice(0, 9_000)));
  if (input.context) parts.push("", "## Context", d.wrap("context", sanitizeCode(input.context).slice(0, 20_000)));
  const filesShown: string[] = [];
  if (input.diff?.length) {
    let room = input.config.inputTokenBudget - estimateTokens(parts.join("\n")) - 4_000;
    parts.push("", "## Changed files");
    for (const file of selectFiles(input.diff).reviewable) {
      const text = renderFile(file, undefined, "hunks");
      const cost = estimateTokens(text) + 30;
      if (cost > room) continue;
      room -= cost;
      filesShown.push(file.path);
      parts.push(d.wrap("diff", text));
    }
    const hidden = input.diff.length - filesShown.length;
    if (hidden > 0) parts.push(`(${hidden} changed files are not shown: lockfiles, generated files or over the budget.)`);
  }
  parts.push("", "Answer the question above.");

  const client = input.client ?? sharedClient(input.settings.anthropicApiKey, input.settings.anthropicBaseUrl);
  const result = await client.createMessage(
    {
      model,
      max_tokens: input.maxOutputTokens ?? 2048,
      system: [{ type: "text", text: await readAgentAsset("ask.md"), cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: [{ type: "text", text: redact(parts.join("\n"), input.secrets) }] }],
    },
    input.signal,
    input.log,
  );
  const price = priceFor(model, input.config.prices);
  if (!result.ok) return { ok: false, reason: result.error.message, model, usage: usage0 };
  const cost = price ? { costUsd: costOf(result.usage, price) } : {};
  const text = result.message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join("\n").trim();
  if (!text) return { ok: false, reason: "the model gave no answer", model, usage: result.usage, ...cost };
  input.log.info({ model, usage: result.usage, ...cost }, "ask answered");
  return { ok: true, answer: redact(defuseMentions(text), input.secrets), model, usage: result.usage, filesShown, ...cost };
}
