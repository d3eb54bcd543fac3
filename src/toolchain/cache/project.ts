import { lstat, mkdir, readdir, rm, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../logger.js";
import type { WorkDirs } from "../workdir.js";
import { scopeKind, type CacheKeys } from "./keys.js";
import type { CacheStore } from "./store.js";

/** A project-scoped cache entry and where it lives in the workspace. */
interface Slot {
  name: "deps" | "hex-home" | "build" | "mix-home";
  key: keyof CacheKeys;
  path: string;
}

function slots(root: string, work: WorkDirs): Slot[] {
  return [
    { name: "deps", key: "deps", path: join(root, "deps") },
    { name: "hex-home", key: "deps", path: work.hexHome },
    { name: "build", key: "build", path: join(root, "_build") },
    { name: "mix-home", key: "mixHome", path: work.mixHome },
  ];
}

/**
 * Copies cached `deps/`, `_build/`, `MIX_HOME` and `HEX_HOME` into the workspace. A PR run works
 * on these copies, so nothing it does reaches the cache. `deps/` or `_build/` committed to the
 * repository as real directories are left alone; symlinks there are removed, never followed.
 */
export async function restoreProjectCache(
  cache: CacheStore,
  scope: string,
  keys: CacheKeys,
  root: string,
  work: WorkDirs,
  log: Logger,
): Promise<string[]> {
  const restored: string[] = [];
  for (const slot of slots(root, work)) {
    const kind = scopeKind(scope, slot.name);
    const state = await kindOf(slot.path);
    if (state === "dir" && !slot.path.startsWith(work.root)) continue;
    if (state === "link" || state === "other") await unlink(slot.path);
    if (!(await cache.has(kind, keys[slot.key]))) continue;
    if (state === "dir") await rm(slot.path, { recursive: true, force: true });
    try {
      if (await cache.restore(kind, keys[slot.key], slot.path)) restored.push(slot.name);
    } catch (error) {
      log.warn({ err: error, entry: slot.name }, "cache restore failed; continuing without it");
    }
    // MIX_HOME and HEX_HOME must exist even when nothing could be restored.
    if (slot.path.startsWith(work.root)) await mkdir(slot.path, { recursive: true });
  }
  return restored;
}

/** Saves the workspace's non-empty directories back (default-branch runs only; the caller decides). */
export async function saveProjectCache(
  cache: CacheStore,
  scope: string,
  keys: CacheKeys,
  root: string,
  work: WorkDirs,
  which: ReadonlySet<Slot["name"]>,
  log: Logger,
): Promise<string[]> {
  const saved: string[] = [];
  for (const slot of slots(root, work)) {
    if (!which.has(slot.name) || (await kindOf(slot.path)) !== "dir" || (await readdir(slot.path)).length === 0) continue;
    try {
      await cache.save(scopeKind(scope, slot.name), keys[slot.key], slot.path);
      saved.push(slot.name);
    } catch (error) {
      log.warn({ err: error, entry: slot.name }, "cache save failed");
    }
  }
  return saved;
}

async function kindOf(path: string): Promise<"none" | "dir" | "link" | "other"> {
  try {
    const info = await lstat(path);
    return info.isSymbolicLink() ? "link" : info.isDirectory() ? "dir" : "other";
  } catch {
    return "none";
  }
}
