import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createLogger, silentLogger } from "../logger.js";
import { renderSummary } from "../review/render/markdown.js";
import { configuredSecrets, loadSettings, type Settings } from "../settings.js";
import { projectRoot } from "../util/paths.js";
import { buildDemoRepo } from "./demo.js";
import { renderOutcomeText, renderText } from "./format/text.js";
import { toSarif } from "./format/sarif.js";
import { CliError, reviewLocal, type LocalReviewResult } from "./local.js";
import { replay } from "./replay.js";
import { runAnalyzeCommand } from "./analyze.js";

export const USAGE = `elixir-agent — reviews Elixir pull requests like a senior Elixir engineer

Usage:
  elixir-agent review [dir] --base <ref> [--head <ref>] [--format text|markdown|json|sarif]
                      [--no-agent] [--config <file>] [--sandbox auto|bubblewrap|docker|none]
                      [--output <file>] [--quiet]
  elixir-agent analyze [paths…] [--format text|json|sarif]
  elixir-agent replay <webhook.json> [--event <name>]
  elixir-agent demo [--format text|markdown|json|sarif]
  elixir-agent help | --version

Exit status (review): 0 the gate passes, 1 it fails, 2 the review could not complete.`;

const FORMATS = ["text", "markdown", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "review":
        return await reviewCommand(rest, io);
      case "demo":
        return await demoCommand(rest, io);
      case "replay":
        return await replayCommand(rest, io);
      case "analyze":
        return await runAnalyzeCommand(rest, io);
      case "--version":
      case "version":
        io.stdout(version());
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`unknown command: ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`elixir-agent: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

const reviewOptions = {
  base: { type: "string" },
  head: { type: "string" },
  format: { type: "string", default: "text" },
  "no-agent": { type: "boolean", default: false },
  config: { type: "string" },
  sandbox: { type: "string" },
  output: { type: "string" },
  quiet: { type: "boolean", default: false },
} as const;

async function reviewCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: reviewOptions, allowPositionals: true });
  if (!values.base) throw new CliError("review needs --base <ref> (the branch or commit the change is compared with)");
  if (positionals.length > 1) throw new CliError(`review takes one directory, got: ${positionals.join(" ")}`);
  const format = formatOf(values.format);
  const settings = settingsWith(io.env, values.sandbox);
  const result = await reviewLocal({
    dir: resolve(io.cwd, positionals[0] ?? "."),
    base: values.base,
    ...(values.head ? { head: values.head } : {}),
    agent: !values["no-agent"],
    ...(values.config ? { configPath: resolve(io.cwd, values.config) } : {}),
    settings,
    secrets: configuredSecrets(io.env),
    log: values.quiet ? silentLogger() : createLogger(io.env.LOG_LEVEL ?? "warn"),
    ...(values.quiet ? {} : { progress: io.stderr }),
  });
  return emit(result, format, io, values.output ? resolve(io.cwd, values.output) : undefined);
}

async function demoCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args, options: { format: { type: "string", default: "text" }, keep: { type: "boolean", default: false } } });
  const format = formatOf(values.format);
  const demo = buildDemoRepo();
  io.stderr(`elixir-agent demo: reviewing the built-in change (feature/reservations → main) in ${demo.dir}`);
  try {
    const result = await reviewLocal({
      dir: demo.dir,
      base: demo.base,
      head: demo.head,
      agent: true,
      settings: settingsWith(io.env, undefined),
      secrets: configuredSecrets(io.env),
      log: createLogger(io.env.LOG_LEVEL ?? "warn"),
      progress: io.stderr,
    });
    const code = emit(result, format, io, undefined);
    // The demo change is meant to fail the gate; the demo itself succeeded when a review was produced.
    return code === 2 && !result.report ? 2 : 0;
  } finally {
    if (!values.keep) demo.cleanup();
  }
}

async function replayCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { event: { type: "string" } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new CliError("replay needs a webhook payload file: elixir-agent replay <webhook.json>");
  return replay({ file: resolve(io.cwd, file), ...(values.event ? { event: values.event } : {}), settings: settingsWith(io.env, undefined), secrets: configuredSecrets(io.env), print: io.stdout });
}

function emit(result: LocalReviewResult, format: Format, io: Io, output: string | undefined): number {
  const write = (text: string) => (output ? writeFileSync(output, `${text}\n`) : io.stdout(text));
  if (!result.report) {
    const outcome = result.outcome ?? { conclusion: "neutral", title: "No review produced", summary: "The review stopped without a result." };
    if (format === "json") write(JSON.stringify({ schemaVersion: 1, outcome }, null, 2));
    else io.stderr(renderOutcomeText(outcome));
    return 2;
  }
  const report = result.report;
  if (format === "json") write(JSON.stringify(report, null, 2));
  else if (format === "sarif") write(JSON.stringify(toSarif(report, version()), null, 2));
  else if (format === "markdown") write(renderSummary(report));
  else write(renderText(report));
  return report.gate.conclusion === "success" ? 0 : report.gate.conclusion === "failure" ? 1 : 2;
}

function formatOf(value: string | undefined): Format {
  if (!(FORMATS as readonly string[]).includes(value ?? "")) throw new CliError(`--format must be one of ${FORMATS.join(", ")} (got ${value})`);
  return value as Format;
}

function settingsWith(env: NodeJS.ProcessEnv, sandbox: string | undefined): Settings {
  try {
    return loadSettings(sandbox ? { ...env, ELIXIR_AGENT_SANDBOX: sandbox } : env);
  } catch (error) {
    throw new CliError(`invalid settings in the environment: ${(error as Error).message}`);
  }
}

function version(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const code = await main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(`${t}\n`),
    stderr: (t) => process.stderr.write(`${t}\n`),
    cwd: process.cwd(),
    env: process.env,
  });
  process.exitCode = code;
}
