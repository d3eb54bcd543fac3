import { describe, expect, it } from "vitest";
import { canonical, interpret, isCostly } from "../../../src/github/commands/grammar.js";
import { findCommand } from "../../../src/github/commands/parse.js";

const parse = (body: string) => {
  const line = findCommand(body);
  return line && interpret(line);
};

describe("finding the command in a comment", () => {
  it("takes the first command line, case-insensitive, with its arguments", () => {
    expect(parse("Looks good.\n  /Elixir-Agent RERUN Dialyzer\n/elixir-agent review")).toEqual({ name: "rerun", step: "dialyzer" });
  });

  it("needs the exact prefix followed by a space or the end of the line", () => {
    expect(findCommand("/elixir-agents review")).toBeUndefined();
    expect(findCommand("/elixir-agent-review")).toBeUndefined();
    expect(parse("/elixir-agent")).toEqual({ name: "unknown", word: "" });
  });

  it("ignores invisible characters in front of the prefix but not other text", () => {
    expect(parse("\u200b/elixir-agent help")).toEqual({ name: "help" });
    expect(findCommand("x /elixir-agent help")).toBeUndefined();
  });

  it("a closed fence ends the code block; the command after it runs", () => {
    expect(parse("```elixir\n/elixir-agent review\n```\n/elixir-agent status")).toEqual({ name: "status" });
    expect(parse("````\n```\n/elixir-agent review\n````\n")).toBeUndefined();
  });

  it("an unclosed fence hides everything after it", () => {
    expect(findCommand("```\n/elixir-agent review")).toBeUndefined();
  });

  it("a blank line ends a quote", () => {
    expect(parse("> earlier words\n\n/elixir-agent checklist")).toEqual({ name: "checklist" });
  });
});

describe("the argument allowlist", () => {
  it("commands without arguments refuse any", () => {
    for (const name of ["help", "review", "checklist", "pause", "resume", "status"]) {
      expect(parse(`/elixir-agent ${name} --force`)).toMatchObject({ name: "invalid", command: name });
    }
  });

  it("rerun accepts only a known toolchain step", () => {
    expect(parse("/elixir-agent rerun test")).toEqual({ name: "rerun", step: "test" });
    expect(parse("/elixir-agent rerun mix test --only slow")).toMatchObject({ name: "invalid", command: "rerun" });
    expect(parse("/elixir-agent rerun")).toMatchObject({ name: "invalid", command: "rerun" });
  });

  it("ask takes the rest of the comment as its question, bounded", () => {
    expect(parse("/elixir-agent ask why is\nthis slow?")).toEqual({ name: "ask", question: "why is\nthis slow?" });
    expect(parse("/elixir-agent ask")).toMatchObject({ name: "invalid", command: "ask" });
    expect(parse(`/elixir-agent ask ${"x".repeat(4001)}`)).toMatchObject({ name: "invalid", problem: expect.stringContaining("4000") });
  });

  it("explain and ignore take rule ids, not arbitrary text", () => {
    expect(parse("/elixir-agent explain credo/Credo.Check.Readability.ModuleDoc")).toEqual({ name: "explain", target: "credo/Credo.Check.Readability.ModuleDoc" });
    expect(parse("/elixir-agent explain")).toEqual({ name: "explain" });
    expect(parse("/elixir-agent explain $(rm -rf /)")).toMatchObject({ name: "invalid", command: "explain" });
    expect(parse("/elixir-agent ignore otp/impl-true   generated\tcode ")).toEqual({ name: "ignore", rule: "otp/impl-true", reason: "generated code" });
    expect(parse("/elixir-agent ignore <script>")).toMatchObject({ name: "invalid", command: "ignore" });
    expect(parse(`/elixir-agent ignore otp/impl-true ${"y".repeat(301)}`)).toMatchObject({ name: "invalid", command: "ignore" });
    expect(parse("/elixir-agent unignore otp/impl-true now")).toMatchObject({ name: "invalid", command: "unignore" });
  });

  it("the canonical form ignores spacing, so an edit that only re-spaces is the same command", () => {
    const a = parse("/elixir-agent ask why   is this\nslow")!;
    const b = parse("/elixir-agent ask why is this slow")!;
    expect(canonical(a)).toBe(canonical(b));
    expect(canonical(parse("/elixir-agent rerun foo")!)).not.toBe(canonical(parse("/elixir-agent rerun bar")!));
  });

  it("only help, status and explain are free", () => {
    const free = ["help", "status", "explain x"].map((c) => isCostly(parse(`/elixir-agent ${c}`)!));
    const costly = ["review", "rerun test", "ask x", "checklist", "pause", "resume", "ignore r", "unignore r"].map((c) => isCostly(parse(`/elixir-agent ${c}`)!));
    expect(free.every((c) => !c)).toBe(true);
    expect(costly.every(Boolean)).toBe(true);
  });
});
