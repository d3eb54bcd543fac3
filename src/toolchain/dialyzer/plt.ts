import { lstat, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../logger.js";
import type { Sandbox } from "../../sandbox/types.js";
import type { CacheStore } from "../cache/store.js";
import { infraFailure, joinOutput } from "../exec.js";
import { tailLines } from "../text/ansi.js";
import type { ToolchainFacts, ToolVersions } from "../types.js";
import type { WorkDirs } from "../workdir.js";

/** Cache kind of the shared core PLT (not per repository: it holds no project code). */
export const PLT_KIND = "plt";

export interface PltOptions {
  sandbox: Sandbox;
  cache: CacheStore;
  key: string;
  versions: ToolVersions;
  work: WorkDirs;
  env: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
  log: Logger;
}

/**
 * The core PLT for plain dialyzer: erts, kernel, stdlib, Elixir and Logger. It depends only on the
 * OTP and Elixir versions, so it is cached once per platform for every repository. It is built
 * before any project code has run in the sandbox (nothing of the PR can reach it), which is why
 * even PR runs may store it. Measured on 2 vCPUs with OTP 25 / Elixir 1.14: about 95 s.
 */
export async function preparePlt(options: PltOptions): Promise<NonNullable<ToolchainFacts["plt"]>> {
  let locked = false;
  try {
    return await options.cache.withLock(
      PLT_KIND,
      options.key,
      () => {
        locked = true;
        return restoreOrBuild(options);
      },
      { signal: options.signal },
    );
  } catch (error) {
    if (locked || options.signal.aborted) return { error: `preparing the PLT: ${(error as Error).message}` };
    // The cache cannot be locked (read-only or full): build for this run only.
    options.log.warn({ err: error }, "PLT cache unavailable; building the PLT for this run");
    try {
      return await restoreOrBuild(options);
    } catch (inner) {
      return { error: `preparing the PLT: ${(inner as Error).message}` };
    }
  }
}

async function restoreOrBuild(options: PltOptions): Promise<NonNullable<ToolchainFacts["plt"]>> {
  const { versions, work } = options;
  const path = join(work.plt, "core.plt");
  await rm(path, { force: true });
  try {
    if (await options.cache.restore(PLT_KIND, options.key, path)) return { path, cached: true };
  } catch (error) {
    options.log.warn({ err: error }, "PLT cache restore failed; building it");
  }
  if (!versions.elixirLib) return { error: "the Elixir installation in the sandbox was not found" };
  const elixirEbin = `${versions.elixirLib}/ebin`;
  const started = Date.now();
  const result = await options.sandbox.run({
    command: "dialyzer",
    args: [
      "--build_plt",
      "--apps",
      "erts",
      "kernel",
      "stdlib",
      "-pa",
      elixirEbin,
      "-r",
      elixirEbin,
      ...(versions.loggerLib ? [`${versions.loggerLib}/ebin`] : []),
      "--output_plt",
      path,
    ],
    cwd: work.plt,
    env: options.env,
    network: "none",
    limits: { wallMs: options.timeoutMs },
    signal: options.signal,
  });
  const buildMs = Date.now() - started;
  const infra = infraFailure("dialyzer", result, options.timeoutMs);
  if (infra) return { error: `building the PLT: ${infra}` };
  if (!(await isFile(path)) || (result.exitCode !== 0 && result.exitCode !== 2)) {
    return { error: `building the PLT failed (exit ${result.exitCode}): ${tailLines(joinOutput(result), 5)}` };
  }
  options.log.info({ buildMs, key: options.key }, "built the core PLT");
  try {
    await options.cache.save(PLT_KIND, options.key, path);
  } catch (error) {
    options.log.warn({ err: error }, "could not cache the PLT");
  }
  return { path, cached: false, buildMs };
}

async function isFile(path: string): Promise<boolean> {
  try {
    const info = await lstat(path);
    return info.isFile() && info.size > 0;
  } catch {
    return false;
  }
}
