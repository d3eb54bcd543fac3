import { lchown, lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Sandbox } from "../sandbox/types.js";

/**
 * The uid PR code runs as, when it is not the app's own: a root app runs each job as an
 * unprivileged uid (group = same id), and the sandbox hands the checkout to it when it opens.
 * What the toolchain adds afterwards (helper output dirs, restored caches) must be handed over
 * too, or Mix cannot write to it.
 */
export function sandboxUid(sandbox: Sandbox): number | undefined {
  const uid = (sandbox as { enforcement?: { uid: number | null } }).enforcement?.uid;
  const self = process.getuid?.();
  return typeof uid === "number" && self === 0 && uid !== self ? uid : undefined;
}

/** Gives trees to `uid` without following symlinks or touching hard-linked files. */
export async function handOver(paths: readonly string[], uid: number | undefined): Promise<void> {
  if (uid === undefined) return;
  const walk = async (path: string): Promise<void> => {
    let info;
    try {
      info = await lstat(path);
    } catch {
      return;
    }
    if (info.isFile() && info.nlink > 1) return;
    if (info.uid !== uid || info.gid !== uid) await lchown(path, uid, uid);
    if (info.isDirectory()) for (const name of await readdir(path)) await walk(join(path, name));
  };
  for (const path of paths) await walk(path);
}
