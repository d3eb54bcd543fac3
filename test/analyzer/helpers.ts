import { defaultConfig, type Config } from "../../src/config/schema.js";
import { parseUnifiedDiff } from "../../src/workspace/diff.js";
import type { DiffFile } from "../../src/workspace/types.js";
import type { TestRepo } from "../helpers/git-repo.js";

export type AnalyzerConfig = Config["analyzer"];

export function analyzerConfig(overrides: Partial<AnalyzerConfig> = {}): AnalyzerConfig {
  return { ...defaultConfig().analyzer, ...overrides };
}

/** The real `git diff` of HEAD against `base`, parsed as the workspace stage does. */
export function diffOf(repo: TestRepo, base: string): DiffFile[] {
  return parseUnifiedDiff(repo.git("diff", "--no-color", "-M", base, "HEAD"));
}

/** `path:line rule` of each finding, sorted. */
export function keys(findings: readonly { path?: string; line?: number; rule: string }[]): string[] {
  return findings.map((f) => `${f.path}:${f.line} ${f.rule}`).sort();
}

/** A GenServer in the style of the fixtures, with `body` spliced into the module. */
export function genServer(name: string, body: string): string {
  return `defmodule ${name} do
  @moduledoc "A test server."
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

${body}
end
`;
}
