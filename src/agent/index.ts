/** The Claude review agent: the stage, the `ask` command, the call layer and the text-safety helpers. */
export { runAgent } from "./run.js";
export { agentStage } from "./stage.js";
export { askClaude } from "./ask.js";
export type { AskInput, AskResult } from "./ask.js";
export { ClaudeClient, MAX_CALL_TIMEOUT_MS } from "./client/claude-client.js";
export type { CallResult, ClaudeClientOptions } from "./client/claude-client.js";
export { CircuitBreaker } from "./client/breaker.js";
export type { CallError, CallErrorKind } from "./client/retry.js";
export { sharedClient } from "./client/shared.js";
export { DEFAULT_PRICES, costOf, priceFor } from "./client/prices.js";
export type { Price } from "./client/prices.js";
export { redact, redactDeep } from "./redact.js";
export {
  revealInvisible,
  sanitizeCode,
  sanitizeProse,
  stripAnsi,
  stripControl,
  stripHiddenAttributes,
  stripHiddenContent,
  stripHtmlComments,
  stripImageAltText,
  stripInvisible,
} from "./sanitize.js";
export { defuseMentions } from "./output.js";
export { estimateTokens } from "./tokens.js";
export type * from "./types.js";
