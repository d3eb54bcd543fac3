import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Settings that keep a local repository's own git config from running anything. */
const SAFE = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "diff.external=", "-c", "core.pager=cat"];

/**
 * Runs git in a local repository (the CLI's): hooks, fsmonitor, external diff and pagers off,
 * never prompting, C.UTF-8 output. Returns stdout, trimmed unless `raw`.
 */
export async function localGit(dir: string, args: readonly string[], options: { raw?: boolean } = {}): Promise<string> {
  const { stdout } = await run("git", [...SAFE, ...args], {
    cwd: dir,
    env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "C.UTF-8", GIT_TERMINAL_PROMPT: "0" },
    maxBuffer: 256 * 1024 ** 2,
  });
  return options.raw ? stdout : stdout.trim();
}
