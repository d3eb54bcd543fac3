/**
 * Removes secrets from text before it is sent to the model, logged or posted to GitHub. Every
 * string the publisher posts passes through `redact`. Patterns are deliberately generous: a
 * redacted false positive costs a word, a missed token costs an incident.
 */

interface SecretPattern {
  label: string;
  regex: RegExp;
  /** Capture group holding the secret (whole match when absent). */
  group?: number;
}

const PATTERNS: readonly SecretPattern[] = [
  // PEM private keys, also when truncated (no END line, e.g. cut-off tool output).
  {
    label: "private-key",
    regex: /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  // GitHub: ghp_ gho_ ghu_ ghs_ ghr_. Installation tokens are now `ghs_<appid>_<JWT>` (~520
  // characters, with dots and dashes), so the length is open-ended and the class includes `.-`
  // (a token never ends in a dot, so a sentence's full stop stays).
  { label: "github-token", regex: /\bgh[pousr]_[A-Za-z0-9_.-]{19,}[A-Za-z0-9_-]/g },
  { label: "github-token", regex: /\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  // Anthropic API, admin and OAuth keys: sk-ant-api03-…, sk-ant-admin01-…, sk-ant-oat01-….
  { label: "anthropic-key", regex: /\bsk-ant-[A-Za-z0-9_-]{16,}/g },
  // AWS access key ids (long-term AKIA, temporary ASIA, and the other documented prefixes).
  { label: "aws-access-key", regex: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g },
  // AWS secret access keys: 40 base64 characters next to a name that says what they are.
  {
    label: "aws-secret-key",
    regex:
      /((?:aws|amazon)[\w.-]{0,30}(?:secret|private)[\w.-]{0,30}|secret_?access_?key)["']?\s*(?:[:=]|=>|,)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 2,
  },
  // JSON Web Tokens (the signature may be empty for alg "none").
  { label: "jwt", regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
];

/** Marker left in place of a secret. Chosen so that no pattern matches it again. */
export function marker(label: string): string {
  return `[REDACTED:${label}]`;
}

/** Returns `text` with known secret formats and the exact `secrets` replaced by markers. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = redactExact(text, secrets);
  for (const { label, regex, group } of PATTERNS) {
    out = out.replace(regex, (match: string, ...groups: unknown[]) => {
      if (group === undefined) return marker(label);
      const secret = groups[group - 1];
      return typeof secret === "string" ? match.replace(secret, marker(label)) : match;
    });
  }
  return out;
}

/**
 * Exact configured secrets, longest first. A multi-line secret (a PEM key in PRIVATE_KEY) is also
 * matched with `\n` escaped, and each of its long lines on its own: output may carry a fragment.
 */
function redactExact(text: string, secrets: readonly string[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    needles.add(secret);
    if (secret.includes("\n")) {
      needles.add(secret.replace(/\r?\n/g, "\\n"));
      for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 20) needles.add(line.trim());
    }
  }
  let out = text;
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    if (out.includes(needle)) out = out.split(needle).join(marker("secret"));
  }
  return out;
}

/** Redacts every string inside a JSON-like value (objects, arrays), leaving other values alone. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, secrets)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)])) as T;
  }
  return value;
}
