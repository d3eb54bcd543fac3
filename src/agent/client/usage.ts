import type { Usage } from "@anthropic-ai/sdk/resources/messages/messages";
import type { TokenUsage } from "../types.js";

export function emptyUsage(): TokenUsage {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
}

/** The API's usage block in our terms (`input` excludes cache reads and writes, as the API reports it). */
export function fromApiUsage(usage: Usage | undefined): TokenUsage {
  if (!usage) return emptyUsage();
  return {
    input: usage.input_tokens ?? 0,
    output: usage.output_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
    cacheWrite: usage.cache_creation_input_tokens ?? 0,
  };
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cacheRead: a.cacheRead + b.cacheRead,
    cacheWrite: a.cacheWrite + b.cacheWrite,
  };
}
