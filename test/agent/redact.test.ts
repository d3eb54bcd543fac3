import { describe, expect, it } from "vitest";
import { redact, redactDeep } from "../../src/agent/redact.js";

const alnum = (n: number, seed = 7) =>
  Array.from({ length: n }, (_, i) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[(i * seed + 3) % 62]).join("");
const b64url = (n: number) => alnum(n, 11).replace(/A/g, "-").replace(/z/g, "_");

/** The stateless installation token format: `ghs_<app id>_<JWT>`, ~520 characters with dots and dashes. */
const installationToken = `ghs_123456_eyJ${b64url(140)}.eyJ${b64url(260)}.${b64url(110)}`;

describe("redact", () => {
  it.each([
    ["classic PAT", `ghp_${alnum(36)}`, "github-token"],
    ["OAuth token", `gho_${alnum(36)}`, "github-token"],
    ["user-to-server token", `ghu_${alnum(36)}`, "github-token"],
    ["old installation token", `ghs_${alnum(36)}`, "github-token"],
    ["refresh token", `ghr_${alnum(76)}`, "github-token"],
    ["fine-grained PAT", `github_pat_11ABCDEFG0${alnum(72)}`, "github-token"],
    ["Anthropic API key", `sk-ant-api03-${b64url(93)}AA`, "anthropic-key"],
    ["Anthropic admin key", `sk-ant-admin01-${b64url(93)}AA`, "anthropic-key"],
    ["AWS access key id", "AKIAIOSFODNN7EXAMPLE", "aws-access-key"],
    ["AWS temporary key id", "ASIAY34FZKBOKMUTVV7A", "aws-access-key"],
    ["JWT", `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${b64url(43)}`, "jwt"],
  ])("removes a %s", (_name, secret, label) => {
    const out = redact(`before ${secret} after`);
    expect(out).toBe(`before [REDACTED:${label}] after`);
  });

  it("removes a ~520-character installation token whole, dots and dashes included", () => {
    expect(installationToken.length).toBeGreaterThan(500);
    const out = redact(`Authorization: token ${installationToken}\nnext line`);
    expect(out).toBe("Authorization: token [REDACTED:github-token]\nnext line");
  });

  it("leaves a full stop after a token in place", () => {
    expect(redact(`Use ghp_${alnum(36)}.`)).toBe("Use [REDACTED:github-token].");
  });

  it("removes an AWS secret access key next to its name, keeping the name", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    expect(redact(`aws_secret_access_key = ${secret}`)).toBe("aws_secret_access_key = [REDACTED:aws-secret-key]");
    expect(redact(`AWS_SECRET_ACCESS_KEY="${secret}"`)).toBe('AWS_SECRET_ACCESS_KEY="[REDACTED:aws-secret-key]"');
    expect(redact(`config :ex_aws, secret_access_key: "${secret}"`)).toContain("[REDACTED:aws-secret-key]");
  });

  it("removes private key blocks, also when the output was cut before the END line", () => {
    const key = `-----BEGIN RSA PRIVATE KEY-----\n${alnum(64)}\n${alnum(64)}\n-----END RSA PRIVATE KEY-----`;
    expect(redact(`key:\n${key}\ndone`)).toBe("key:\n[REDACTED:private-key]\ndone");
    const cut = `-----BEGIN OPENSSH PRIVATE KEY-----\n${alnum(64)}\n${alnum(20)}`;
    expect(redact(`log: ${cut}`)).toBe("log: [REDACTED:private-key]");
    expect(redact("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----")).toBe("[REDACTED:private-key]");
  });

  it("removes configured secrets as exact strings, longest first", () => {
    const secrets = ["hunter2-but-longer", "hunter2-but-longer-still"];
    expect(redact("a hunter2-but-longer-still b hunter2-but-longer c", secrets)).toBe("a [REDACTED:secret] b [REDACTED:secret] c");
  });

  it("removes a multi-line configured secret, its \\n-escaped form and its long lines", () => {
    const pem = `-----BEGIN SOMETHING-----\n${alnum(64)}\n${alnum(64, 13)}\n-----END SOMETHING-----`;
    const lines = pem.split("\n");
    expect(redact(`x ${pem} y`, [pem])).toBe("x [REDACTED:secret] y");
    expect(redact(`"${pem.replace(/\n/g, "\\n")}"`, [pem])).toBe('"[REDACTED:secret]"');
    expect(redact(`fragment: ${lines[2]}`, [pem])).toBe("fragment: [REDACTED:secret]");
  });

  it("ignores configured secrets too short to be meaningful", () => {
    expect(redact("the value abc appears", ["abc"])).toBe("the value abc appears");
  });

  it("is idempotent and leaves ordinary Elixir and git output alone", () => {
    const code = [
      "def ghost_user(id), do: Repo.get(User, id)",
      "commit 3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39",
      '@token_prefix "ghp_"',
      "String.to_existing_atom(kind)",
      "eyJ is how a JWT starts",
    ].join("\n");
    expect(redact(code)).toBe(code);
    const once = redact(`t ${installationToken} k AKIAIOSFODNN7EXAMPLE`);
    expect(redact(once)).toBe(once);
  });

  it("redacts every string inside a structure", () => {
    const value = { a: [`ghp_${alnum(36)}`, 3], b: { c: "secret-value-123" }, d: null };
    expect(redactDeep(value, ["secret-value-123"])).toEqual({
      a: ["[REDACTED:github-token]", 3],
      b: { c: "[REDACTED:secret]" },
      d: null,
    });
  });
});
