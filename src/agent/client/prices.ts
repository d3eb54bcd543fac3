import type { Config } from "../../config/schema.js";
import type { TokenUsage } from "../types.js";

/** USD per million tokens. `cacheWrite` is the 5-minute cache write price (the one we use). */
export interface Price {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/**
 * Built-in estimates from Anthropic's published price list (checked November 2026). Prices
 * change: a repository overrides them with `agent.prices`. Claude Haiku 5.5 is listed at its rate
 * for prompts up to 100,000 tokens (longer prompts cost five times as much).
 */
export const DEFAULT_PRICES: Readonly<Record<string, Price>> = {
  "claude-fable-5-1": { input: 10, output: 50, cacheRead: 0.25, cacheWrite: 12.5 },
  "claude-opus-5-5": { input: 4, output: 20, cacheRead: 0.2, cacheWrite: 5 },
  "claude-sonnet-5-5": { input: 2, output: 10, cacheRead: 0.1, cacheWrite: 2.5 },
  "claude-haiku-5-5": { input: 0.1, output: 0.5, cacheRead: 0.01, cacheWrite: 0.125 },
  "claude-opus-5": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-sonnet-5": { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
  "claude-opus-4-8": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-7": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-6": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-opus-4-5": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
  "claude-sonnet-4-6": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  "claude-sonnet-4-5": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  "claude-haiku-4-5": { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
};

/** The price of `model`: repository override, then built-in, then built-in without a date suffix. */
export function priceFor(model: string, overrides: Config["agent"]["prices"] = {}): Price | undefined {
  const undated = model.replace(/-\d{8}$/, "");
  return overrides[model] ?? DEFAULT_PRICES[model] ?? overrides[undated] ?? DEFAULT_PRICES[undated];
}

/** Estimated cost in USD, rounded to a hundredth of a cent. */
export function costOf(usage: TokenUsage, price: Price): number {
  const micro =
    usage.input * price.input + usage.output * price.output + usage.cacheRead * price.cacheRead + usage.cacheWrite * price.cacheWrite;
  return Math.round(micro / 100) / 10_000;
}
