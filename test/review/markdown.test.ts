import { describe, expect, it } from "vitest";
import { escapeMd, oneLine, prefixWithinBytes, safeMarkdown, truncateMarkdown } from "../../src/util/markdown.js";

describe("Markdown for GitHub", () => {
  it("truncates by UTF-8 bytes (GitHub's real unit), closing an open fence and saying so", () => {
    const text = `# Report\n\n\`\`\`\n${"🧪 emoji line\n".repeat(20_000)}\`\`\`\n`;
    const cut = truncateMarkdown(text, 65_535);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(65_535);
    expect(cut).toMatch(/🧪 emoji line\n```\n\n> \*\*Truncated:\*\* \d+ more characters did not fit GitHub's size limit\.$/);
    expect(cut).not.toContain("\uFFFD");
    expect(truncateMarkdown("short", 10)).toBe("short");
  });

  it("never splits a character when cutting to bytes", () => {
    expect(prefixWithinBytes("a🧪b", 4)).toBe("a");
    expect(prefixWithinBytes("a🧪b", 5)).toBe("a🧪");
    expect(prefixWithinBytes("éé", 3)).toBe("é");
  });

  it("makes one-line titles of at most n characters", () => {
    expect(oneLine("first\n  second", 255)).toBe("first second");
    expect(oneLine("x".repeat(300), 255)).toHaveLength(255);
    expect(oneLine("x".repeat(300), 255).endsWith("…")).toBe(true);
  });

  it("escapes table cells so a pipe cannot break the row", () => {
    expect(escapeMd("a | b \\ c")).toBe("a \\| b \\\\ c");
  });

  it("strips hidden comments and neutralises mentions and references outside code only", () => {
    const text = "Ping @octocat about #12 <!-- elixir-agent:finding fp=0123456789abcdef src=agent -->\n\n```elixir\n# see #12 @doc\n<!-- kept -->\n```\n`@spec x`";
    expect(safeMarkdown(text)).toBe("Ping @\u200boctocat about #\u200b12 \n\n```elixir\n# see #12 @doc\n<!-- kept -->\n```\n`@spec x`");
    expect(safeMarkdown("unterminated <!-- rest")).toBe("unterminated ");
  });
});
