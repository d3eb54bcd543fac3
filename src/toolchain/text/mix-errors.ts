import { lines, oneLine, tailLines } from "./ansi.js";

export type MixFailureKind =
  | "hex-missing"
  | "network"
  | "deps-unavailable"
  | "deps-compile"
  | "task-missing"
  | "elixir-requirement"
  | "mix-exs"
  | "mix-error";

export interface MixFailure {
  kind: MixFailureKind;
  /** One line for the step's `reason`. */
  reason: string;
}

/** Dependency problems: steps that need deps are then skipped as "dependencies unavailable". */
export const DEPENDENCY_KINDS: ReadonlySet<MixFailureKind> = new Set(["hex-missing", "network", "deps-unavailable", "deps-compile"]);

interface Rule {
  kind: MixFailureKind;
  test: RegExp;
  reason: (m: RegExpExecArray, text: string) => string;
}

const RULES: Rule[] = [
  {
    kind: "elixir-requirement",
    test: /You're trying to run :(\w+) on Elixir v(\S+) but it has declared in its mix\.exs file it supports only Elixir (.+)$/m,
    reason: (m) => `the project requires Elixir ${m[3]!.trim()} but the sandbox runs ${m[2]}`,
  },
  {
    kind: "hex-missing",
    test: /Could not find Hex, which is needed to build dependency :(\w+)|Could not find an SCM for dependency :(\w+)/,
    reason: (m) => `Hex is not installed in the sandbox, so dependency :${m[1] ?? m[2]} cannot be resolved`,
  },
  {
    kind: "network",
    test: /Could not install Hex because Mix could not download|httpc request failed|failed_connect|nxdomain|econnrefused|timeout.*repo\.hex\.pm/i,
    reason: () => "hex.pm could not be reached from the sandbox",
  },
  {
    kind: "network",
    test: /Hex is running in offline mode and the registry entry for package (\w+) is not cached/,
    reason: (m) => `Hex is offline and package ${m[1]} is not in its cache`,
  },
  {
    kind: "network",
    test: /No package with name (\w+) \(from: [^)]*\) in registry/,
    reason: (m) => `package ${m[1]} could not be found in the Hex registry (registry unreachable?)`,
  },
  {
    kind: "network",
    test: /fatal: unable to access '([^']+)'|Command "git --git-dir=\.git fetch[^"]*" failed/,
    reason: (m) => `a git dependency could not be fetched${m[1] ? ` (${m[1]})` : ""}`,
  },
  {
    kind: "deps-compile",
    test: /Could not compile dependency :(\w+)/,
    reason: (m) => `dependency :${m[1]} failed to compile`,
  },
  {
    kind: "deps-unavailable",
    test: /Unchecked dependencies for environment \w+:|Can't continue due to errors on dependencies/,
    reason: (_m, text) => {
      const names = [...text.matchAll(/^\* (\w+) \(/gm)].map((x) => x[1]);
      return names.length > 0 ? `dependencies are not available: ${names.join(", ")}` : "dependencies are not available";
    },
  },
  {
    kind: "deps-unavailable",
    test: /Could not start application (\w+): could not find application file/,
    reason: (m) => `dependency ${m[1]} is not available`,
  },
  {
    kind: "task-missing",
    test: /The task "([\w.]+)" could not be found/,
    reason: (m) => `the mix task "${m[1]}" is not available`,
  },
  {
    // Mix names the project it was loading when that fails: a dependency under `deps/`…
    kind: "deps-unavailable",
    test: /^Error while loading project :(\w+) at \S*\/deps\/[^/\s]+$/m,
    reason: (m, text) => `dependency :${m[1]} could not be loaded${cause(text, m)}`,
  },
  {
    // …or the repository's own (an umbrella child, an in-repo path dependency).
    kind: "mix-exs",
    test: /^Error while loading project :(\w+) at /m,
    reason: (m, text) => `the mix.exs of :${m[1]} could not be loaded${cause(text, m)}`,
  },
  {
    // An exception raised while Mix loads the project: the PR's mix.exs is broken, not the deps.
    kind: "mix-exs",
    test: /^\*\* \((?!Mix\))(\w[\w.]*)\) (.*)$(?=[\s\S]*?(?:Mix\.Project\.(?:get_project_config|push)\b|Mix\.CLI\.load_mix_exs\b|^ +mix\.exs:\d+))|^\*\* \((\w[\w.]*)\) (mix\.exs:\d+.*)$/m,
    reason: (m) => `mix.exs could not be loaded: ** (${m[1] ?? m[3]}) ${oneLine(m[2] ?? m[4]!, 240)}`,
  },
];

/** Recognises why a Mix command failed from its (ANSI-free) output, or undefined for none. */
export function classifyMixError(output: string): MixFailure | undefined {
  for (const rule of RULES) {
    const m = rule.test.exec(output);
    if (m) return { kind: rule.kind, reason: rule.reason(m, output) };
  }
  const mix = mixErrorLine(output);
  return mix ? { kind: "mix-error", reason: oneLine(mix, 300) } : undefined;
}

/**
 * Why a step could not run, from the output of its failed Mix command: what `classifyMixError`
 * recognised, dependency problems as "dependencies unavailable: …" (which the orchestrator relays
 * to every step that needs deps). Undefined when nothing is recognised.
 */
export function mixFailureReason(output: string): string | undefined {
  const mix = classifyMixError(output);
  if (!mix) return undefined;
  return DEPENDENCY_KINDS.has(mix.kind) ? `dependencies unavailable: ${mix.reason}` : mix.reason;
}

/** What a command that failed unexplained died of: its exception line, else its last lines. */
export function lastWords(output: string, count = 5): string {
  return exceptionLine(output) ?? tailLines(output, count);
}

/** The message of the last `** (Mix) …` line. */
export function mixErrorLine(output: string): string | undefined {
  let found: string | undefined;
  for (const line of lines(output)) {
    const m = /^\*\* \(Mix\) (.*)$/.exec(line);
    if (m) found = m[1];
  }
  return found;
}

/** `: ** (Exception) message` of the first exception after a match, or nothing. */
function cause(text: string, m: RegExpExecArray): string {
  const exception = exceptionLine(text.slice(m.index + m[0].length));
  return exception ? `: ${exception}` : "";
}

/** The first `** (Exception) message` line, for failures no rule explains. */
export function exceptionLine(output: string): string | undefined {
  for (const line of lines(output)) if (/^\*\* \(\w[\w.]*\) /.test(line)) return oneLine(line, 300);
  return undefined;
}
