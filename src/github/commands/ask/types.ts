import type { TokenUsage } from "../../../agent/types.js";
import type { Config } from "../../../config/schema.js";
import type { Logger } from "../../../logger.js";
import type { Settings } from "../../../settings.js";
import type { DiffFile } from "../../../workspace/types.js";

/**
 * The question for the Claude layer (`src/agent`, `askClaude`), in its shape: every text part is
 * untrusted and is sanitised and delimited there before the model sees it.
 */
export interface AskInput {
  question: string;
  pr?: { title: string; body: string };
  diff?: readonly DiffFile[];
  /** The last review's summary, the review thread … */
  context?: string;
  config: Config["agent"];
  settings: Pick<Settings, "anthropicApiKey" | "model" | "anthropicBaseUrl">;
  secrets: readonly string[];
  signal?: AbortSignal;
  log: Logger;
}

export type AskResult =
  | { ok: true; answer: string; model: string; usage: TokenUsage; costUsd?: number; filesShown: string[] }
  | { ok: false; reason: string; model: string; usage: TokenUsage; costUsd?: number };

export type AskFn = (input: AskInput) => Promise<AskResult>;
