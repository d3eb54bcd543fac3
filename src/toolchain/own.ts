import { lstat } from "node:fs/promises";
import { chownTree } from "../sandbox/own.js";
import type { Sandbox } from "../sandbox/types.js";

/**
 * The uid PR code runs as, when it is not the app's own: a root app runs each job as an
 * unprivileged uid (group = same id), and the sandbox hands the checkout to it when it opens.
 * What the toolchain adds afterwards (helper output dirs, restored caches) must be handed over
 * too, or Mix cannot write to it.
 */
export function sandboxUid(sandbox: Sandbox): number | undefined {
  const uid = sandbox.enforcement?.uid;
  const self = process.getuid?.();
  return typeof uid === "number" && self === 0 && uid !== self ? uid : undefined;
}

/** Gives the trees that exist to `uid` (the sandbox's `chownTree`: no symlink followed, no hard-linked file touched). */
export async function handOver(paths: readonly string[], uid: number | undefined): Promise<void> {
  if (uid === undefined) return;
  for (const path of paths) {
    const exists = await lstat(path).then(
      () => true,
      () => false,
    );
    if (exists) await chownTree(path, { uid, gid: uid, switchUser: true });
  }
}
