/**
 * Token estimate without a tokenizer (none ships for current Claude models, and counting through
 * the API would cost a request per chunk).
 *
 * Heuristic: one token per 3 ASCII characters, one per non-ASCII code point, plus one per line.
 * English prose runs at ~4 characters per token and code at ~3–3.5 on older tokenizers; the
 * tokenizer used since Claude 4.7 yields up to ~30 % more tokens for the same text. Three
 * characters per token plus a token per line break (indentation and newlines tokenize poorly)
 * therefore errs on the high side, which only makes chunks a little smaller than needed — never
 * over the context window or the configured budget.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) lines++;
    if (code < 128) ascii++;
    else if (code < 0xdc00 || code > 0xdfff) other++; // count a surrogate pair once
  }
  return Math.ceil(ascii / 3) + other + lines;
}
