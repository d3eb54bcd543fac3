import { lchown, lstat, readdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathUnreachable } from "./errors.js";
import type { SandboxIdentity } from "./identity.js";

/**
 * Hands a tree to the sandbox uid without ever following a symlink (the PR controls the
 * checkout's symlinks) and without touching hard-linked files (a link could point at a host file).
 * `skip` names directories that stay as they are (the checkout's `.git`).
 */
export async function chownTree(root: string, identity: SandboxIdentity, skip: readonly string[] = []): Promise<void> {
  if (!identity.switchUser) return;
  const skipped = new Set(skip.map((path) => resolve(path)));
  const walk = async (path: string): Promise<void> => {
    if (skipped.has(path)) return;
    const info = await lstat(path);
    if (info.isFile() && info.nlink > 1) return;
    if (info.uid !== identity.uid || info.gid !== identity.gid) await lchown(path, identity.uid, identity.gid);
    if (!info.isDirectory()) return;
    for (const name of await readdir(path)) await walk(join(path, name));
  };
  await walk(resolve(root));
}

/**
 * Checks that the sandbox uid can traverse every ancestor of `path` (bubblewrap opens bind
 * sources as that uid), so a 0700 parent becomes a clear message instead of a failed run.
 */
export async function assertReachable(path: string, identity: SandboxIdentity): Promise<void> {
  if (!identity.switchUser) return;
  let dir = dirname(resolve(path));
  for (;;) {
    const info = await stat(dir);
    const mode = info.mode;
    const ok = info.uid === identity.uid ? (mode & 0o100) !== 0 : info.gid === identity.gid ? (mode & 0o010) !== 0 : (mode & 0o001) !== 0;
    if (!ok) throw pathUnreachable(path, dir, identity.uid);
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}
