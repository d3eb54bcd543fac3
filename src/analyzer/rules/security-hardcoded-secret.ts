import type { Rule } from "../rule.js";
import { callName, effectiveArgs, pairKey, pairValue } from "../syntax/calls.js";
import type { SyntaxNode } from "../syntax/node.js";
import { stringValue } from "../syntax/values.js";

const SECRET_KEY = /(^|_)(secret|secret_key|secret_key_base|password|passwd|token|api_key|apikey|access_key|access_key_id|secret_access_key|private_key|client_secret|auth_token|webhook_secret|encryption_key|signing_key)$/i;
const URL_KEY = /(^|_)(url|uri|dsn)$/i;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:([^@/\s]+)@/i;

export const hardcodedSecret: Rule = {
  id: "security/hardcoded-secret",
  checklistItem: "security-secrets",
  severity: "blocker",
  title: "Secret committed in configuration",
  granularity: "line",
  languages: ["elixir"],
  files: "app",
  structural: false,
  why:
    "Configuration files are committed and shipped: a key, password or token written there is readable by everyone with the repository or a release, survives in git history after removal, and is shared by every environment that loads the file.",
  fix:
    "Read it at boot in `config/runtime.exs` with `System.fetch_env!(\"NAME\")` (which fails loudly when missing, unlike a hard-coded fallback), and rotate the exposed value — it is in the git history.",
  example: "config :my_app, MyAppWeb.Endpoint, secret_key_base: \"kP2x…\"",
  check({ file, report }) {
    if (!file.facts.config || file.facts.nonProdConfig) return;
    for (const pair of file.nodes("pair")) {
      const key = pairKey(pair);
      const value = pairValue(pair);
      if (!value) continue;
      if (SECRET_KEY.test(key)) {
        const literal = secretLiteral(value);
        if (literal) report({ node: literal, message: `\`${key}\` is set to a literal value in \`${file.path}\`.` });
      } else if (URL_KEY.test(key)) {
        const url = stringValue(value) ?? "";
        const password = URL_WITH_PASSWORD.exec(url)?.[1];
        if (password && !isPlaceholder(password)) {
          report({ node: value, message: `\`${key}\` embeds a password in \`${file.path}\`.` });
        }
      }
    }
  },
};

/** The literal secret: the value itself, or the fallback of `System.get_env("X") || "…"` / `System.get_env("X", "…")`. */
function secretLiteral(value: SyntaxNode): SyntaxNode | undefined {
  const direct = stringValue(value);
  if (direct !== undefined) return isPlaceholder(direct) ? undefined : value;
  if (value.type === "binary_operator" && value.operator === "||") return secretLiteral(value.child("right")!);
  if (value.type === "call" && /^System\.get_env$/.test(callName(value) ?? "")) {
    const fallback = effectiveArgs(value)[1];
    return fallback ? secretLiteral(fallback) : undefined;
  }
  return undefined;
}

/** Empty strings and obvious placeholders are not secrets. */
function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length < 4 || /^\$\{?[A-Z_]+\}?$/.test(v) || /^(x+|\*+|<.*>|your[_-].*)$/i.test(v)) return true;
  // Local-development defaults and values that announce themselves as not secret.
  if (/^(postgres|root|guest|admin|password|secret|changeme|change_me|todo)$/i.test(v)) return true;
  return /not[_-]?(a[_-]?)?secret|dummy|example|placeholder|insecure|fake|only[_-]on[_-]prod|replace[_-]?me|change[_-]?me/i.test(v);
}
