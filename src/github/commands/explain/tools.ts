/**
 * Rule families of the toolchain's findings (`compile/…`, `credo/…` …): what they mean, the
 * checklist item they are evidence for, and where the tool documents the specific check.
 */
export interface ToolFamily {
  prefix: string;
  tool: string;
  checklistItem: string;
  why: string;
  fix: string;
  docs?: (rest: string) => string | undefined;
}

export const TOOL_FAMILIES: readonly ToolFamily[] = [
  {
    prefix: "compile",
    tool: "`mix compile`",
    checklistItem: "compiles-clean",
    why: "A compile error stops the build; a warning (unused variable, undefined function, deprecated call) very often points at a real bug, and hides the next one.",
    fix: "Read the compiler's message at the reported line and fix the code; `mix compile --warnings-as-errors` keeps it clean.",
  },
  {
    prefix: "format",
    tool: "`mix format --check-formatted`",
    checklistItem: "formatted",
    why: "One formatting everywhere keeps diffs about behaviour, not layout.",
    fix: "Run `mix format` and commit the result (the suggestion shows the formatted code).",
  },
  {
    prefix: "test",
    tool: "`mix test`",
    checklistItem: "tests-pass",
    why: "A failing or invalid test means the change breaks behaviour that someone decided to keep.",
    fix: "Run the named test locally with `mix test path/to/test.exs:LINE`, fix the code or the test, and check with the seed shown in the summary.",
  },
  {
    prefix: "coverage",
    tool: "`mix test --cover`",
    checklistItem: "test-coverage",
    why: "Untested code in a BEAM system fails at run time, in production, often inside a process that restarts and hides it.",
    fix: "Add ExUnit tests for the changed functions until total coverage is at or above the threshold.",
  },
  {
    prefix: "credo",
    tool: "`mix credo --strict`",
    checklistItem: "credo",
    why: "Credo checks consistency, readability and design problems that the compiler does not see.",
    fix: "Follow the check's advice, or disable it for the repository in `.credo.exs` when the team disagrees with it.",
    docs: (rest) => (/^Credo\.Check\.[A-Za-z0-9.]+$/.test(rest) ? `https://hexdocs.pm/credo/${rest}.html` : undefined),
  },
  {
    prefix: "dialyzer",
    tool: "Dialyzer",
    checklistItem: "typespecs",
    why: "Dialyzer finds calls and specs that can never succeed: code paths that will crash or specs that lie to readers.",
    fix: "Fix the call or the `@spec` so they agree; run `mix dialyzer` locally to see the full explanation.",
    docs: () => "https://www.erlang.org/doc/apps/dialyzer/dialyzer.html",
  },
];

export function toolFamilyOf(rule: string): { family: ToolFamily; rest: string } | undefined {
  const slash = rule.indexOf("/");
  const prefix = slash < 0 ? rule : rule.slice(0, slash);
  const family = TOOL_FAMILIES.find((f) => f.prefix === prefix);
  return family ? { family, rest: slash < 0 ? "" : rule.slice(slash + 1) } : undefined;
}
