import type { AskInput, AskResult } from "../../../agent/ask.js";

export type { AskInput, AskResult };

/** Answers one `ask` question: the agent's `askClaude` (tests and other backends may replace it). */
export type AskFn = (input: AskInput) => Promise<AskResult>;
