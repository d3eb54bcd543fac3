import { z } from "zod";
import { SEVERITIES } from "../review/finding.js";

/**
 * `.github/elixir-agent.yml`, read from the repository's DEFAULT branch so a pull request cannot
 * switch off its own gate. Every field has a description (exported to `config.schema.json`) and a
 * default: an empty file is a valid configuration.
 *
 * Nothing here chooses the sandbox backend or its isolation: that is the operator's decision
 * (environment variables, see `src/settings.ts`), never the repository's.
 */

const severity = z.enum(SEVERITIES);
const scope = z
  .enum(["changed-lines", "changed-files", "all"])
  .describe("Where findings are reported: only on changed lines (default), anywhere in changed files, or everywhere.");
const glob = z.string().min(1).describe("A glob relative to the repository root, e.g. `lib/**/*.ex`.");

export const StepId = z.enum(["deps", "compile", "format", "test", "credo", "dialyzer"]);
export type StepId = z.infer<typeof StepId>;

const autoSwitch = z
  .union([z.boolean(), z.literal("auto")])
  .describe("`true` runs the step, `false` skips it, `auto` runs it when the project uses the tool.");

const step = <T extends z.ZodRawShape>(shape: T, enabled: z.ZodType<boolean | "auto", boolean | "auto"> = z.boolean()) =>
  z
    .object({
      enabled: enabled.default(enabled === autoSwitch ? "auto" : true).describe("Whether this step runs."),
      timeoutSeconds: z
        .number()
        .int()
        .min(10)
        .max(3600)
        .optional()
        .describe("Wall-clock limit for this step; the default depends on the step."),
      ...shape,
    })
    .strict();

export const ReviewSchema = z
  .object({
    drafts: z.boolean().default(false).describe("Review draft pull requests too."),
    maxComments: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(10)
      .describe("At most this many inline comments per review, chosen by severity; the rest go to the summary."),
    requestChanges: z
      .boolean()
      .default(false)
      .describe("Post `REQUEST_CHANGES` (instead of `COMMENT`) when the gate fails."),
    ignorePaths: z
      .array(glob)
      .default([])
      .describe("Files matching these globs are neither analysed, shown to the model nor commented on. Globs: `**` crosses directories, `*`/`?` do not, `{a,b}` and `[ab]` work; a pattern without `/` matches the file name anywhere; a directory covers everything below it."),
    autoReview: z.boolean().default(true).describe("Review automatically on push; `false` reviews only on command."),
  })
  .strict();

export const ToolchainSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Run the project's own toolchain (mix) in the sandbox."),
    mixEnv: z.string().regex(/^[a-z_]+$/).default("test").describe("MIX_ENV for compile and test."),
    database: z
      .enum(["auto", "postgres", "none"])
      .default("auto")
      .describe("Start a disposable PostgreSQL for `mix test`: `auto` when the project depends on ecto_sql + postgrex."),
    steps: z
      .object({
        deps: step({}).prefault({}).describe("`mix deps.get` — the only step with network access."),
        compile: step({
          warningsAsErrors: z
            .boolean()
            .default(false)
            .describe("Compile with `--warnings-as-errors`: a warning fails the step."),
        })
          .prefault({})
          .describe("`mix compile`: errors and warnings as findings."),
        format: step({})
          .prefault({})
          .describe("`mix format --check-formatted`: unformatted files with a suggested replacement."),
        test: step({
          coverage: z.boolean().default(true).describe("Measure coverage with `mix test --cover`."),
          coverageThreshold: z
            .number()
            .min(0)
            .max(100)
            .default(90)
            .describe("Minimum total line coverage in percent (the expert checklist asks for more than 90 %)."),
          args: z
            .array(z.string().regex(/^--?[a-z][a-z0-9-]*(=[\w.:,-]+)?$|^[\w.:-]+$/))
            .default([])
            .describe("Extra arguments for `mix test`, e.g. `--exclude integration`."),
        })
          .prefault({})
          .describe("`mix test`: per-test results and coverage."),
        credo: step({}, autoSwitch).prefault({}).describe("`mix credo --strict`, when the project depends on credo."),
        dialyzer: step({}, autoSwitch)
          .prefault({})
          .describe("Dialyzer: dialyxir when present, otherwise Erlang's dialyzer on the compiled beams."),
      })
      .strict()
      .prefault({})
      .describe("Per-step settings."),
  })
  .strict();

export const AnalyzerSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Run the static Elixir checklist analyzer (tree-sitter)."),
    scope: scope.default("changed-lines"),
    disabledRules: z.array(z.string()).default([]).describe("Rule ids that never report in this repository."),
    severity: z
      .record(z.string(), severity)
      .default({})
      .describe("Override a rule's severity: `{ \"otp/impl-true\": minor }`."),
    paths: z
      .array(
        z
          .object({
            path: glob,
            disabledRules: z.array(z.string()).default([]).describe("Rule ids switched off under this path."),
          })
          .strict(),
      )
      .default([])
      .describe("Per-path rule switches."),
  })
  .strict();

export const AgentSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Let Claude evaluate the checklist (needs ANTHROPIC_API_KEY)."),
    model: z.string().optional().describe("Model id; defaults to ELIXIR_AGENT_MODEL or the built-in default."),
    maxOutputTokens: z
      .number()
      .int()
      .min(256)
      .max(32000)
      .default(8192)
      .describe("Max output tokens per call, thinking included (a call must also finish within 120 s)."),
    effort: z
      .enum(["low", "medium", "high", "xhigh", "max"])
      .optional()
      .describe("Thinking effort (`output_config.effort`) for models that support it; unset uses the model's default."),
    inputTokenBudget: z
      .number()
      .int()
      .min(4000)
      .max(400000)
      .default(60000)
      .describe("Estimated input tokens per call; a larger change is split by file into several calls."),
    maxCalls: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(4)
      .describe("At most this many parts (one model call each, plus at most one repair call per part); files beyond them are listed as not seen."),
    disabledItems: z.array(z.string()).default([]).describe("Checklist item ids the agent does not evaluate."),
    instructions: z
      .array(
        z
          .object({
            path: glob,
            instructions: z.string().min(1).max(2000).describe("Extra review guidance for files under `path`."),
          })
          .strict(),
      )
      .default([])
      .describe("Path-specific review instructions."),
    prices: z
      .record(
        z.string(),
        z
          .object({
            input: z.number().min(0).describe("USD per million input tokens."),
            output: z.number().min(0).describe("USD per million output tokens."),
            cacheRead: z.number().min(0).describe("USD per million cache-read tokens."),
            cacheWrite: z.number().min(0).describe("USD per million cache-write tokens."),
          })
          .strict(),
      )
      .default({})
      .describe("Price table per model id, overriding the built-in estimate."),
  })
  .strict();

export const GateSchema = z
  .object({
    compileErrors: z.boolean().default(true).describe("Fail on compile errors."),
    compileWarnings: z.boolean().default(false).describe("Fail on compile warnings."),
    unformatted: z.boolean().default(true).describe("Fail when `mix format --check-formatted` fails."),
    failingTests: z.boolean().default(true).describe("Fail on failing or invalid tests."),
    coverage: z.boolean().default(true).describe("Fail when total coverage is below the threshold."),
    credo: z
      .enum(["off", "higher", "high", "normal", "low"])
      .default("high")
      .describe("Fail on credo issues at or above this priority (`off` never fails)."),
    dialyzer: z.boolean().default(true).describe("Fail on dialyzer warnings."),
    analyzer: z
      .union([severity, z.literal("off")])
      .default("blocker")
      .describe("Fail on analyzer findings at or above this severity (`off` never fails)."),
    agent: z
      .union([severity, z.literal("off")])
      .default("off")
      .describe("Opt in: fail on agent findings at or above this severity. Off by default — the model never decides alone."),
    scope: z
      .enum(["changed-files", "all"])
      .default("all")
      .describe("Tool findings that count for the gate: anywhere (`all`) or only in files the PR changed."),
  })
  .strict();

export const CommandsSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Accept `/elixir-agent …` commands in pull-request comments."),
    permission: z
      .enum(["write", "maintain", "admin"])
      .default("write")
      .describe("Minimum repository permission for commands that cost anything."),
    rateLimit: z
      .object({
        count: z.number().int().min(1).max(100).default(5).describe("Commands allowed per window and pull request."),
        windowMinutes: z.number().int().min(1).max(1440).default(10).describe("Window length in minutes."),
      })
      .strict()
      .prefault({})
      .describe("Rate limit per pull request."),
  })
  .strict();

export const ConfigSchema = z
  .object({
    review: ReviewSchema.prefault({}).describe("What gets reviewed and how comments are posted."),
    toolchain: ToolchainSchema.prefault({}).describe("The project's own tools, run in the sandbox."),
    analyzer: AnalyzerSchema.prefault({}).describe("The static checklist analyzer."),
    agent: AgentSchema.prefault({}).describe("The Claude review agent."),
    gate: GateSchema.prefault({}).describe("When the check run fails (the merge gate)."),
    commands: CommandsSchema.prefault({}).describe("`/elixir-agent` commands in comments."),
  })
  .strict()
  .describe("elixir-agent configuration (.github/elixir-agent.yml, read from the default branch).");

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export function defaultConfig(): Config {
  return ConfigSchema.parse({});
}
