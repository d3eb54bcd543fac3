import { lstat, mkdir, open, realpath, rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** The directory inside the workspace where helpers write their output: `<root>/.elixir-agent`. */
export const WORK_DIR_NAME = ".elixir-agent";

export interface WorkDirs {
  root: string;
  /** Helper output (JSON), read back on the host with `readOutput`. */
  out: string;
  plt: string;
  mixHome: string;
  hexHome: string;
}

/**
 * Recreates `<root>/.elixir-agent` from scratch: whatever the PR put there (a symlink out of the
 * checkout, planted output files) is removed first, never followed.
 */
export async function prepareWorkDirs(root: string): Promise<WorkDirs> {
  const base = join(root, WORK_DIR_NAME);
  await rm(base, { recursive: true, force: true });
  const dirs: WorkDirs = {
    root: base,
    out: join(base, "out"),
    plt: join(base, "plt"),
    mixHome: join(base, "mix-home"),
    hexHome: join(base, "hex-home"),
  };
  for (const dir of [dirs.out, dirs.plt, dirs.mixHome, dirs.hexHome]) await mkdir(dir, { recursive: true });
  return dirs;
}

/**
 * Reads a file that code in the sandbox may have tampered with: only a regular file (no symlink,
 * FIFO or device) that really lies inside `root`, at most `maxBytes`. Undefined otherwise.
 */
export async function readOutput(root: string, path: string, maxBytes = 64 * 1024 ** 2): Promise<string | undefined> {
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    const real = await realpath(path);
    const rel = relative(await realpath(root), real);
    if (rel.startsWith(`..${sep}`) || rel === ".." || rel.startsWith(sep)) return undefined;
    const handle = await open(real, "r");
    try {
      const stat = await handle.stat();
      if (!stat.isFile() || stat.size > maxBytes) return undefined;
      return await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** Removes a helper output file before a run, so a stale or planted one is never read. */
export async function clearOutput(path: string): Promise<void> {
  await rm(path, { force: true, recursive: true });
}
