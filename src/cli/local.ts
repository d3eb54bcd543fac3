import { agentNotRun } from "../agent/not-run.js";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { CONFIG_PATH, parseConfig, type ConfigResult } from "../config/load.js";
import type { Logger } from "../logger.js";
import { runReview } from "../pipeline/run.js";
import { openSandbox } from "../pipeline/sandbox.js";
import type { Stages } from "../pipeline/stages.js";
import type { JobRequest, ReviewReport } from "../pipeline/types.js";
import type { Settings } from "../settings.js";
import { checkout } from "../workspace/checkout.js";
import { localGit as git } from "../workspace/local-git.js";
import type { AbortOutcome } from "../github/publisher.js";
import { CollectingPublisher } from "./publisher.js";

export interface LocalReviewOptions {
  dir: string;
  base: string;
  head?: string;
  /** Use the AI review (when an API key is set). */
  agent: boolean;
  /** A config file to use instead of `.github/elixir-agent.yml` at the base. */
  configPath?: string;
  settings: Settings;
  secrets: readonly string[];
  log: Logger;
  progress?: (line: string) => void;
  stages?: Partial<Stages>;
  signal?: AbortSignal;
}

export interface LocalReviewResult {
  report?: ReviewReport;
  outcome?: AbortOutcome;
}

export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/** The same pipeline as the app, on a local repository; the result is returned, not posted. */
export async function reviewLocal(options: LocalReviewOptions): Promise<LocalReviewResult> {
  const top = await git(options.dir, ["rev-parse", "--show-toplevel"]).catch(() => {
    throw new CliError(`${resolve(options.dir)} is not inside a git repository.`);
  });
  const baseSha = await commitOf(top, options.base, "--base");
  const headSha = await commitOf(top, options.head ?? "HEAD", "--head");
  const subject = await git(top, ["log", "-1", "--format=%s", headSha]);
  const body = await git(top, ["log", "-1", "--format=%b", headSha]);

  await mkdir(options.settings.workDir, { recursive: true });
  const jobDir = await mkdtemp(join(options.settings.workDir, "cli-"));
  const request: JobRequest = {
    id: `cli-${Date.now()}`,
    trigger: "cli",
    repo: { owner: "local", name: basename(top), cloneUrl: top, defaultBranch: options.base },
    pr: { headSha, baseRef: baseSha, baseSha, title: subject, body },
    mode: "full",
  };
  const publisher = new CollectingPublisher(options.progress);
  await runReview(
    request,
    {
      publisher,
      settings: options.settings,
      secrets: options.secrets,
      log: options.log,
      loadConfig: async () => withAgentSwitch(await loadLocalConfig(top, baseSha, options.configPath), options.agent),
      prepareWorkspace: (signal) => checkout({ cloneUrl: top, headSha, baseRef: baseSha, baseSha, jobDir, signal }),
      openSandbox: (request) => openSandbox({ ...request, settings: options.settings, jobDir, mode: "cli", log: options.log }),
      // --no-agent: the AI review is off (for the gate too), and the report says who switched it off.
      ...(options.stages || !options.agent
        ? { stages: { ...(options.agent ? {} : { agent: async () => agentNotRun("skipped", "switched off with --no-agent") }), ...options.stages } }
        : {}),
    },
    options.signal ?? new AbortController().signal,
  );
  return {
    ...(publisher.report ? { report: publisher.report } : {}),
    ...(publisher.outcome ? { outcome: publisher.outcome } : {}),
  };
}

/** `--config <file>`, else `.github/elixir-agent.yml` as committed at the base (like the app's default branch). */
async function loadLocalConfig(top: string, baseSha: string, configPath?: string): Promise<ConfigResult> {
  if (configPath) {
    const text = await readFile(configPath, "utf8").catch(() => {
      throw new CliError(`cannot read the config file ${configPath}`);
    });
    return parseConfig(text, configPath);
  }
  const text = await git(top, ["show", `${baseSha}:${CONFIG_PATH}`]).catch(() => undefined);
  return parseConfig(text, `${CONFIG_PATH} (base)`);
}

function withAgentSwitch(result: ConfigResult, agent: boolean): ConfigResult {
  if (!result.ok || agent) return result;
  return { ...result, config: { ...result.config, agent: { ...result.config.agent, enabled: false } } };
}

async function commitOf(dir: string, ref: string, flag: string): Promise<string> {
  try {
    return await git(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new CliError(`${flag} ${ref} is not a commit in ${dir}.`);
  }
}

