import { lstat, open, realpath } from "node:fs/promises";
import { isAbsolute, join, normalize, relative, sep } from "node:path";

/** Files larger than this are not read for review (generated, vendored or data files). */
export const MAX_REVIEW_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Reads a repository file without ever leaving the checkout: a PR can add a symlink to
 * `/proc/self/environ` or `~/.ssh/id_rsa`; following it on the host would hand secrets to the
 * model. Returns undefined for missing, escaping, oversized or binary files.
 */
export async function readRepoFile(root: string, path: string): Promise<string | undefined> {
  if (isAbsolute(path) || normalize(path).split(sep).includes("..")) return undefined;
  const full = join(root, path);
  try {
    const info = await lstat(full);
    if (!info.isFile() || info.size > MAX_REVIEW_FILE_BYTES) return undefined;
    const real = await realpath(full);
    const realRoot = await realpath(root);
    if (relative(realRoot, real).startsWith("..")) return undefined;
    const handle = await open(real, "r");
    try {
      const buffer = await handle.readFile();
      if (buffer.subarray(0, 8000).includes(0)) return undefined;
      return buffer.toString("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
