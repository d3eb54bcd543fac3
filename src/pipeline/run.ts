import type { AbortOutcome, Publisher } from "../github/publisher.js";
import type { ConfigResult } from "../config/load.js";
import type { Logger } from "../logger.js";
import { JobCancelled } from "../queue/types.js";
import { collectFindings } from "../review/collect.js";
import { decideGate } from "../review/gate.js";
import { SandboxUnavailableError, type Sandbox } from "../sandbox/types.js";
import type { Settings } from "../settings.js";
import type { ToolchainReport } from "../toolchain/types.js";
import { WorkspaceError } from "../workspace/checkout.js";
import type { ProjectShape, Workspace } from "../workspace/types.js";
import type { Config } from "../config/schema.js";
import { StageTracker } from "./progress.js";
import { defaultStages, type Stages } from "./stages.js";
import { stepModeStages } from "./step-mode.js";
import type { IgnoredRule, JobRequest, ReviewReport } from "./types.js";

export interface PipelineDeps {
  publisher: Publisher;
  settings: Settings;
  /** Exact secret strings to redact from anything that leaves the process. */
  secrets: readonly string[];
  log: Logger;
  loadConfig(): Promise<ConfigResult>;
  prepareWorkspace(signal: AbortSignal): Promise<Workspace>;
  /** Opens the sandbox for PR code; throws SandboxUnavailableError with the fix when it cannot. */
  openSandbox(request: SandboxRequest): Promise<Sandbox>;
  loadIgnoredRules?(): Promise<IgnoredRule[]>;
  /** Set when `/elixir-agent pause` stopped automatic reviews on this PR. */
  loadPause?(): Promise<{ by: string; at: string } | undefined>;
  stages?: Partial<Stages>;
  /** Only trusted (default-branch) runs write the shared cache. */
  cacheWritable?: boolean;
  /** Overall limit for one review. */
  timeoutMs?: number;
}

/** What the toolchain asks of the sandbox when it opens it (after restoring caches). */
export interface SandboxRequest {
  workspace: Workspace;
  config: Config;
  signal: AbortSignal;
  /** Host paths visible read-only inside (e.g. agent/elixir helpers). */
  readOnlyPaths?: readonly string[];
  /** Host paths writable inside (e.g. the job's cache copy). */
  writablePaths?: readonly string[];
}

/**
 * One review, as numbered stages. The check run is created first and ALWAYS completed: with the
 * gate's conclusion, or honestly (cancelled / neutral with the reason) when anything goes wrong.
 */
export async function runReview(request: JobRequest, deps: PipelineDeps, jobSignal: AbortSignal): Promise<ReviewReport | undefined> {
  const started = performance.now();
  const log = deps.log;
  // `rerun <step>` re-runs one toolchain step: no new AI review.
  const stages = { ...defaultStages, ...deps.stages, ...(request.mode === "step" ? stepModeStages(request) : {}) };
  const tracker = new StageTracker(deps.publisher, log);
  const timeoutMs = deps.timeoutMs ?? 45 * 60_000;
  const signal = AbortSignal.any([jobSignal, AbortSignal.timeout(timeoutMs)]);
  let completed = false;
  let workspace: Workspace | undefined;
  let sandbox: Sandbox | undefined;

  try {
    // 1. The check run, in progress, before anything slow.
    await deps.publisher.begin();

    // 2. Configuration from the default branch.
    const config = await tracker.run("config", () => deps.loadConfig(), (c) => (c.ok ? c.source : "invalid"));
    if (!config.ok) {
      await deps.publisher.abort({
        conclusion: "neutral",
        title: "Invalid .github/elixir-agent.yml — review not run",
        summary: `The configuration on the default branch could not be used, so nothing was reviewed.\n\n\`\`\`\n${config.error}\n\`\`\`\n\nFix the file on the default branch; the next push re-runs the review.`,
      });
      completed = true;
      return undefined;
    }
    if (request.pr.draft && !config.config.review.drafts && request.trigger === "pull_request") {
      await deps.publisher.abort({
        conclusion: "skipped",
        title: "Draft pull request — not reviewed",
        summary: "Drafts are reviewed when they are marked ready for review, or always with `review.drafts: true` in `.github/elixir-agent.yml`.",
      });
      completed = true;
      return undefined;
    }
    if (request.trigger === "pull_request") {
      const paused = await deps.loadPause?.();
      if (paused) {
        await deps.publisher.abort({
          conclusion: "skipped",
          title: "Automatic reviews paused on this pull request",
          summary: `${paused.by} paused automatic reviews with \`/elixir-agent pause\`. Comment \`/elixir-agent resume\` to restart them, or \`/elixir-agent review\` to review this commit now.`,
        });
        completed = true;
        return undefined;
      }
    }
    const ignoredRules = (await deps.loadIgnoredRules?.()) ?? [];
    signal.throwIfAborted();

    // 3. Workspace: clone the head, fetch the base, merge base, diff, project shape.
    workspace = await tracker.run("workspace", () => deps.prepareWorkspace(signal), (w) => `${w.diff.length} files changed`);
    const ws = workspace;
    signal.throwIfAborted();

    // 4. The static checklist analyzer over the changed code — before any PR code runs, since the
    //    sandbox can write to the checkout. Then the checkout is sealed: later stages read the
    //    snapshot of the changed files taken at checkout.
    const analyzer = await tracker.run(
      "analyzer",
      () => stages.analyzer({ workspace: ws, config: config.config, signal, log }),
      (a) => (a.ran ? `${a.findings.length} findings in ${a.filesAnalyzed} files` : a.reason),
    );
    signal.throwIfAborted();
    ws.seal();

    // 5. The project's toolchain, in the sandbox.
    const toolchain = await tracker.run(
      "toolchain",
      async (): Promise<ToolchainReport> => {
        const skip = toolchainSkipReason(config.config, ws.project);
        if (skip) return { ran: false, reason: skip, sandbox: null, steps: [] };
        const finished: string[] = [];
        try {
          return await stages.toolchain({
            workspace: ws,
            // Opened by the stage itself, after it restored caches into the workspace.
            openSandbox: async (extra) => {
              sandbox = await deps.openSandbox({ workspace: ws, config: config.config, signal, ...extra });
              return sandbox;
            },
            config: config.config,
            settings: deps.settings,
            cacheWritable: deps.cacheWritable ?? false,
            request,
            signal,
            log,
            onStep: (step) => {
              finished.push(`${step.id} ${step.status.replace("_", " ")}`);
              void tracker.note("toolchain", finished.join(", "));
            },
          });
        } catch (error) {
          if (!(error instanceof SandboxUnavailableError)) throw error;
          return { ran: false, reason: `${error.message} — ${error.fix}`, sandbox: null, steps: [] };
        }
      },
      (t) => (t.ran ? `${t.steps.length} steps` : t.reason),
    );
    signal.throwIfAborted();

    // 6. The AI review: evidence + diff + checklist → structured review (never the gate).
    const agent = await tracker.run(
      "agent",
      () =>
        stages.agent({
          request,
          workspace: ws,
          config: config.config,
          settings: deps.settings,
          toolchain,
          analyzerFindings: analyzer.findings,
          secrets: deps.secrets,
          signal,
          log,
        }),
      (a) => a.reason ?? a.status,
    );
    signal.throwIfAborted();

    // 7. The gate: deterministic, from evidence and policy.
    const lines = await fileLines(ws);
    const findings = collectFindings(
      [...toolchain.steps.flatMap((s) => s.findings), ...analyzer.findings, ...agent.findings],
      {
        ignorePaths: config.config.review.ignorePaths,
        ignoredRules,
        codeAt: (path, line) => lines(path)?.[line - 1],
      },
    );
    const changedPaths = new Set(ws.diff.map((f) => f.path));
    const gate = await tracker.run(
      "gate",
      async () =>
        decideGate({
          config: config.config,
          hasMixProject: ws.project.mix,
          toolchain,
          analyzer,
          agent,
          findings,
          changedPaths,
        }),
      (g) => g.conclusion,
    );

    // 8. Publish: check run + review.
    const report: ReviewReport = {
      schemaVersion: 1,
      repo: { owner: request.repo.owner, name: request.repo.name },
      ...(request.pr.number !== undefined
        ? { pr: { number: request.pr.number, ...(request.pr.title !== undefined ? { title: request.pr.title } : {}) } }
        : {}),
      headSha: ws.headSha,
      baseSha: ws.baseSha,
      mergeBase: ws.mergeBase,
      config: config.config,
      configSource: config.source,
      project: ws.project,
      files: ws.diff.map((f) => ({ path: f.path, status: f.status, additions: f.additions, deletions: f.deletions, binary: f.binary })),
      toolchain,
      analyzer,
      agent,
      findings,
      ignoredRules,
      gate,
      stages: [],
      durationMs: 0,
    };
    await tracker.run("publish", async () => {
      report.stages = tracker.snapshot();
      report.durationMs = Math.round(performance.now() - started);
      await deps.publisher.complete(report, { diff: ws.diff });
    });
    completed = true;
    return report;
  } catch (error) {
    const outcome = outcomeFor(error, signal, jobSignal, timeoutMs, tracker.current());
    if (outcome.conclusion === "neutral" && !(error instanceof JobCancelled)) log.error({ err: error }, "review failed");
    else log.info({ reason: outcome.title }, "review stopped");
    await finishHonestly(deps.publisher, outcome, log);
    completed = true;
    return undefined;
  } finally {
    if (!completed) {
      await finishHonestly(deps.publisher, { conclusion: "neutral", title: "Review interrupted", summary: "The review stopped unexpectedly." }, log);
    }
    await release(log, sandbox, workspace);
  }
}

/** Why the toolchain cannot run: switched off, or (once the project is known) not a Mix project. */
export function toolchainSkipReason(config: Config, project?: ProjectShape): string | undefined {
  if (!config.toolchain.enabled) return "switched off in .github/elixir-agent.yml (toolchain.enabled: false)";
  if (project && !project.mix) return "no mix.exs at the repository root — not a Mix project, so no mix tool can run";
  return undefined;
}

/** Disposes what a job opened, the sandbox first; a failed cleanup is logged, never thrown over the job's outcome. */
export async function release(log: Logger, sandbox: Sandbox | undefined, workspace: Workspace | undefined): Promise<void> {
  await sandbox?.dispose().catch((error: unknown) => log.warn({ err: error }, "sandbox cleanup failed"));
  await workspace?.dispose().catch((error: unknown) => log.warn({ err: error }, "workspace cleanup failed"));
}

async function finishHonestly(publisher: Publisher, outcome: AbortOutcome, log: Logger): Promise<void> {
  try {
    await publisher.abort(outcome);
  } catch (error) {
    log.error({ err: error }, "could not complete the check run");
  }
}

/** Turns whatever stopped the job into an honest, user-facing outcome. */
export function outcomeFor(
  error: unknown,
  signal: AbortSignal,
  jobSignal: AbortSignal,
  timeoutMs: number,
  stage: string | undefined,
): AbortOutcome {
  const where = stage ? ` during the ${stage} stage` : "";
  const reason = jobSignal.aborted ? jobSignal.reason : undefined;
  if (reason instanceof JobCancelled && reason.reason === "superseded") {
    return { conclusion: "cancelled", title: "Superseded by a newer push", summary: `A newer commit was pushed${where}; its review replaces this one.` };
  }
  if (reason instanceof JobCancelled) {
    return {
      conclusion: "neutral",
      title: "Review interrupted — the service restarted",
      summary: `The review was interrupted${where} because the service shut down. Re-run the check (or comment \`/elixir-agent review\`) to review this commit.`,
    };
  }
  if (signal.aborted) {
    const minutes = Math.round(timeoutMs / 60_000);
    return { conclusion: "neutral", title: "Review timed out", summary: `The review did not finish within ${minutes} minutes${where}. No verdict was reached.` };
  }
  if (error instanceof WorkspaceError) {
    return { conclusion: "neutral", title: "Could not check out the pull request", summary: `${error.message}${error.fix ? `\n\n${error.fix}` : ""}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    conclusion: "neutral",
    title: `Review could not complete${where}`,
    summary: `elixir-agent hit an internal problem${where} and reached no verdict. This says nothing about the code.\n\n\`${message.slice(0, 500)}\``,
  };
}

async function fileLines(ws: Workspace): Promise<(path: string) => string[] | undefined> {
  const cache = new Map<string, string[] | undefined>();
  for (const file of ws.diff) {
    if (file.status === "deleted" || file.binary) continue;
    const text = await ws.readFile(file.path);
    cache.set(file.path, text?.split("\n"));
  }
  return (path) => cache.get(path);
}
