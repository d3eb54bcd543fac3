import { lstat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { analyze } from "../analyzer/index.js";
import { diffAgainst, gitRoot } from "../analyzer/engine/local-diff.js";
import { languageOf } from "../analyzer/engine/facts.js";
import { listElixirFiles } from "../analyzer/engine/list-files.js";
import { CONFIG_PATH, parseConfig } from "../config/load.js";
import { renderJson } from "../analyzer/output/json.js";
import { renderSarif } from "../analyzer/output/sarif.js";
import { renderText } from "../analyzer/output/text.js";
import { RULES } from "../analyzer/registry.js";
import { ruleMatches } from "../analyzer/engine/policy.js";
import { atLeast, SEVERITIES, type Severity } from "../review/finding.js";
import { readRepoFile } from "../workspace/files.js";
import type { Io } from "./main.js";

/** Like every command's output, each `stdout`/`stderr` call is one block; the caller ends it with a newline. */
export type CliIo = Pick<Io, "stdout" | "stderr" | "cwd">;

const USAGE = `Usage: elixir-agent analyze [paths…] [options]

Runs the static Elixir checklist analyzer (tree-sitter) over files or directories
(default: the whole repository).

Options:
  --format text|json|sarif   output format (default: text)
  --scope all|changed-files|changed-lines
                             where findings are reported (default: all; changed-lines with --base)
  --base <ref>               compare with the merge base of <ref> and HEAD (plus uncommitted edits)
  --root <dir>               repository root (default: the git top level, else the current directory)
  --config <path>            configuration file relative to the root (default: .github/elixir-agent.yml)
  --rule <id>                run only this rule (repeatable; \`area/*\` selects an area)
  --fail-on <severity|off>   exit 1 when a finding is at least this severe (default: gate.analyzer)
  --verbose                  also print suggested replacements (text format)
  -h, --help                 show this help

Exit codes: 0 no failing findings, 1 findings at or above --fail-on, 2 usage or configuration error.`;

/** `elixir-agent analyze`: returns the process exit code. */
export async function runAnalyzeCommand(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        scope: { type: "string" },
        base: { type: "string" },
        root: { type: "string" },
        config: { type: "string" },
        rule: { type: "string", multiple: true },
        "fail-on": { type: "string" },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const format = values.format;
  if (format !== "text" && format !== "json" && format !== "sarif") return usage(io, `unknown --format: ${format}`);
  const scope = values.scope ?? (values.base ? "changed-lines" : "all");
  if (scope !== "all" && scope !== "changed-files" && scope !== "changed-lines") return usage(io, `unknown --scope: ${scope}`);
  if (scope !== "all" && !values.base) return usage(io, `--scope ${scope} needs --base <ref> to know what changed`);
  const failOn = values["fail-on"];
  if (failOn !== undefined && failOn !== "off" && !(SEVERITIES as readonly string[]).includes(failOn)) {
    return usage(io, `unknown --fail-on: ${failOn} (one of ${SEVERITIES.join(", ")}, off)`);
  }
  const rules = values.rule ? RULES.filter((r) => values.rule!.some((p) => ruleMatches(p, r.id))) : RULES;
  if (rules.length === 0) return usage(io, `no rule matches ${values.rule!.join(", ")}`);

  const root = resolve(io.cwd, values.root ?? (await gitRoot(io.cwd)) ?? io.cwd);
  // Only the default file may be absent (then every setting has its default); a named one must exist.
  const configPath = values.config ?? CONFIG_PATH;
  const configText = await readRepoFile(root, configPath);
  if (values.config !== undefined && configText === undefined) {
    return usage(io, `cannot read the configuration file ${values.config} (relative to ${root})`);
  }
  // The app's own parser: the same checks (duplicate keys, a mapping) and the same messages.
  const loaded = parseConfig(configText, configPath);
  if (!loaded.ok) {
    io.stderr(loaded.error);
    return 2;
  }
  const config = loaded.config;

  let files: string[] | undefined;
  if (positionals.length > 0) {
    files = [];
    for (const p of positionals) {
      const listed = await expand(root, resolve(io.cwd, p));
      if (typeof listed === "string") return usage(io, listed);
      files.push(...listed);
    }
  }
  let diff;
  if (values.base) {
    try {
      diff = await diffAgainst(root, values.base);
    } catch (error) {
      io.stderr(`cannot compute the change against ${values.base}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      return 2;
    }
    if (files) {
      const chosen = new Set(files);
      files = diff.map((d) => d.path).filter((p) => chosen.has(p));
    }
  }

  const report = await analyze(
    { root, ...(diff ? { diff } : {}), ...(files ? { files } : {}), config: { ...config.analyzer, scope }, ignorePaths: config.review.ignorePaths },
    rules,
  );
  const rendered = format === "json" ? renderJson(report) : format === "sarif" ? renderSarif(report, rules) : renderText(report, { verbose: values.verbose });
  io.stdout(rendered.replace(/\n$/, ""));

  const threshold = (failOn ?? config.gate.analyzer) as Severity | "off";
  return threshold !== "off" && report.findings.some((f) => atLeast(f.severity, threshold)) ? 1 : 0;
}

/** A file or directory argument → repository-relative paths, or an error message. */
async function expand(root: string, absolute: string): Promise<string[] | string> {
  const rel = relative(root, absolute).split(sep).join("/");
  if (rel.startsWith("..") || isAbsolute(rel)) return `${absolute} is outside the repository ${root}`;
  let info;
  try {
    info = await lstat(absolute);
  } catch {
    return `no such file or directory: ${absolute}`;
  }
  if (info.isDirectory()) return listElixirFiles(root, rel);
  if (!info.isFile()) return `not a regular file: ${absolute}`;
  if (!languageOf(rel)) return `not an Elixir source or template: ${rel}`;
  return [rel];
}

function usage(io: CliIo, message: string): number {
  io.stderr(`${message}\n\n${USAGE}`);
  return 2;
}
