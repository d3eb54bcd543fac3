import { lstat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { assertNoSecrets, sandboxEnv } from "./env.js";
import { type SandboxIdentity, sandboxIdentity } from "./identity.js";
import { type JobLayout, prepareJobLayout } from "./layout.js";
import { resolveLimits } from "./limits.js";
import { chownTree } from "./own.js";
import { assertCwd } from "./paths.js";
import type { Limits, RunRequest, SandboxOptions } from "./types.js";

/** A job's directories as an isolating backend (bubblewrap, docker) sees them. */
export interface PreparedJob {
  identity: SandboxIdentity;
  layout: JobLayout;
  /** The workspace, absolute. */
  workspace: string;
  /** `<workspace>/.git` when it is a real directory: it stays the app's and is bound read-only. */
  gitDir?: string;
}

/** Creates the job's HOME and /etc files, and hands the workspace (not `.git`) and writable paths to the sandbox uid. */
export async function prepareJob(options: SandboxOptions): Promise<PreparedJob> {
  const jobDir = resolve(options.jobDir);
  const identity = sandboxIdentity(jobDir, options.uid);
  const layout = await prepareJobLayout(jobDir, identity);
  const workspace = resolve(options.workspace);
  const gitDir = join(workspace, ".git");
  const hasGit = await lstat(gitDir).then((info) => !info.isSymbolicLink(), () => false);
  await chownTree(workspace, identity, hasGit ? [gitDir] : []);
  for (const path of options.writablePaths ?? []) await chownTree(path, identity);
  return { identity, layout, workspace, ...(hasGit ? { gitDir } : {}) };
}

/** What one run gets, checked the same way by every backend. */
export interface PreparedRun {
  cwd: string;
  limits: Limits;
  env: Record<string, string>;
}

/**
 * The checks and the environment every backend applies before a run: cwd inside the workspace (or
 * a writable path), limits layered on the sandbox's, the allowlisted environment with the
 * services' variables under the request's, and no secret of the app in any of it.
 */
export function prepareRun(
  options: SandboxOptions,
  request: RunRequest,
  where: { workspace: string; home: string; tmp?: string; secrets: readonly string[] },
): PreparedRun {
  const cwd = assertCwd(request.cwd, [where.workspace, ...(options.writablePaths ?? [])]);
  const limits = resolveLimits(options.limits, request.limits);
  const serviceEnv = Object.assign({}, ...(options.services ?? []).map((s) => s.env)) as Record<string, string>;
  const env = sandboxEnv({ home: where.home, ...(where.tmp !== undefined ? { tmp: where.tmp } : {}), extra: { ...serviceEnv, ...request.env } });
  assertNoSecrets([...Object.values(env), request.command, ...request.args, request.stdin ?? ""], where.secrets);
  return { cwd, limits, env };
}
