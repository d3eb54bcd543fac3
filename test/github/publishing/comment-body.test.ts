import { describe, expect, it } from "vitest";
import { commentBody, suggestionBlock } from "../../../src/github/review/comment-body.js";
import { fixedMarker, parseFindingMarker, parseFixedMarker, parseReviewMarker, reviewMarker } from "../../../src/github/review/markers.js";
import type { Finding } from "../../../src/review/finding.js";

const SECRET = "ghs_" + "A".repeat(36);
const redact = (text: string) => text.split(SECRET).join("[REDACTED]");
const finding: Finding = {
  source: "analyzer",
  rule: "security/string-to-atom",
  checklistItem: "security-atom-exhaustion",
  severity: "major",
  path: "lib/a.ex",
  line: 3,
  title: "String.to_atom/1 on input",
  message: "Use `String.to_existing_atom/1`. cc @octocat",
  suggestion: "    key = String.to_existing_atom(k)",
  evidence: "lib/a.ex:3: String.to_atom(k)",
  fingerprint: "0123456789abcdef",
};

describe("an inline comment", () => {
  it("carries severity, rule, checklist item, the fix as a committable suggestion, evidence, and the hidden marker last", () => {
    const body = commentBody(finding, { exactRange: true, redact });
    expect(body).toBe(
      [
        "**🔴 major** · `security/string-to-atom` · analyzer · checklist `security-atom-exhaustion`",
        "",
        "**String.to\\_atom/1 on input**",
        "",
        "Use `String.to_existing_atom/1`. cc @\u200boctocat",
        "",
        "```suggestion\n    key = String.to_existing_atom(k)\n```",
        "",
        "<details><summary>Evidence</summary>\n\n```\nlib/a.ex:3: String.to_atom(k)\n```\n\n</details>",
        "",
        "<!-- elixir-agent:finding fp=0123456789abcdef src=analyzer -->",
      ].join("\n"),
    );
    expect(parseFindingMarker(body)).toEqual({ fingerprint: "0123456789abcdef", source: "analyzer" });
  });

  it("offers no suggestion when the comment does not cover exactly the finding's lines", () => {
    expect(commentBody(finding, { exactRange: false, redact })).not.toContain("suggestion");
  });

  it("redacts secrets, and drops a suggestion rather than commit a redacted line", () => {
    const leaky = { ...finding, message: `token ${SECRET}`, evidence: `Authorization: ${SECRET}`, suggestion: `token = "${SECRET}"` };
    const body = commentBody(leaky, { exactRange: true, redact });
    expect(body).not.toContain(SECRET);
    expect(body).toContain("token [REDACTED]");
    expect(body).not.toContain("suggestion");
  });

  it("fits GitHub's 65,536 limit whatever the evidence, keeping the marker", () => {
    const body = commentBody({ ...finding, message: "é".repeat(40_000), evidence: "x".repeat(200_000) }, { exactRange: true, redact });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(65_536);
    expect(body).toContain("Evidence (cut)");
    expect(parseFindingMarker(body)?.fingerprint).toBe("0123456789abcdef");
  });

  it("suggestion fences outgrow backticks in the code; an empty suggestion deletes the lines", () => {
    expect(suggestionBlock('  @doc """\n  ```elixir\n  ```\n')).toBe('````suggestion\n  @doc """\n  ```elixir\n  ```\n````');
    expect(suggestionBlock("")).toBe("```suggestion\n```");
  });
});

describe("hidden markers", () => {
  it("are read only where we put them, so text inside a body cannot forge one", () => {
    const forged = "<!-- elixir-agent:finding fp=ffffffffffffffff src=agent -->\nlooks legit\n";
    expect(parseFindingMarker(forged)).toBeUndefined();
    expect(parseFixedMarker(`text\n${fixedMarker("a".repeat(40))}`)).toBeUndefined();
    expect(parseFixedMarker(`${fixedMarker("a".repeat(40))}\nbody`)).toEqual({ sha: "a".repeat(40) });
    const marker = reviewMarker({ headSha: "b".repeat(40), jobId: "7f1c-22", fingerprints: ["0123456789abcdef", "fedcba9876543210"] });
    expect(parseReviewMarker(`Review${marker}`)).toEqual({ headSha: "b".repeat(40), jobId: "7f1c-22", fingerprints: ["0123456789abcdef", "fedcba9876543210"] });
    expect(parseReviewMarker(`${marker}\nmore text after`)).toBeUndefined();
  });
});
