/** Replaces exact configured secret strings. The full redactor (token formats) builds on this. */
export function exactSecretRedactor(secrets: readonly string[]): (text: string) => string {
  const list = secrets.filter((s) => s.length >= 8).sort((a, b) => b.length - a.length);
  return (text) => list.reduce((out, secret) => out.split(secret).join("[REDACTED]"), text);
}
