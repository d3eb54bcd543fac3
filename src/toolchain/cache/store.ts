import { randomBytes } from "node:crypto";
import { cp, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { dirname, join } from "node:path";
import { execa } from "execa";

interface Meta {
  bytes: number;
  savedAt: number;
  usedAt: number;
}

export interface CacheEntryInfo extends Meta {
  kind: string;
  key: string;
}

/**
 * Directories and files kept between runs under `<dir>/<kind>/<key>/data`, with a size cap and
 * least-recently-used eviction. Writes go to a temp path and are renamed into place, so a
 * reader never sees half an entry and concurrent writers of one key do not corrupt it.
 */
export class CacheStore {
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  private entry(kind: string, key: string): string {
    return join(this.dir, safe(kind), safe(key));
  }

  async has(kind: string, key: string): Promise<boolean> {
    return (await readMeta(this.entry(kind, key))) !== undefined;
  }

  /** Copies the entry to `dest` (which must not exist); false on a miss. */
  async restore(kind: string, key: string, dest: string): Promise<boolean> {
    const entry = this.entry(kind, key);
    const meta = await readMeta(entry);
    if (!meta) return false;
    await mkdir(dirname(dest), { recursive: true });
    try {
      await copy(join(entry, "data"), dest);
    } catch (error) {
      await rm(dest, { recursive: true, force: true });
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
    await writeMeta(entry, { ...meta, usedAt: Date.now() });
    return true;
  }

  /** Stores a copy of `src` under the key, replacing what was there, then evicts to the cap. */
  async save(kind: string, key: string, src: string): Promise<void> {
    const entry = this.entry(kind, key);
    const tmp = join(this.dir, ".tmp", `${safe(kind)}-${randomBytes(6).toString("hex")}`);
    await mkdir(tmp, { recursive: true });
    try {
      await copy(src, join(tmp, "data"));
      const bytes = await sizeOf(join(tmp, "data"));
      const now = Date.now();
      await writeMeta(tmp, { bytes, savedAt: now, usedAt: now });
      await mkdir(dirname(entry), { recursive: true });
      const old = `${tmp}.old`;
      await rename(entry, old).catch(() => undefined);
      await rename(tmp, entry);
      await rm(old, { recursive: true, force: true });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    await this.evict();
  }

  /**
   * Runs `fn` while holding a lock on the key, across processes (a directory created atomically):
   * two jobs that need the same expensive entry build it once. A lock older than `staleMs` is
   * taken to belong to a dead process.
   */
  async withLock<T>(kind: string, key: string, fn: () => Promise<T>, options: { staleMs?: number; signal?: AbortSignal } = {}): Promise<T> {
    const lock = join(this.dir, ".locks", `${safe(kind)}-${safe(key)}`);
    await mkdir(dirname(lock), { recursive: true });
    for (;;) {
      try {
        await mkdir(lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const since = await stat(lock).then((s) => s.mtimeMs, () => 0);
      if (Date.now() - since > (options.staleMs ?? 30 * 60_000)) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      options.signal?.throwIfAborted();
      await sleep(500);
    }
    try {
      return await fn();
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }

  async list(): Promise<CacheEntryInfo[]> {
    const out: CacheEntryInfo[] = [];
    for (const kind of await dirs(this.dir)) {
      if (kind === ".tmp" || kind === ".locks") continue;
      for (const key of await dirs(join(this.dir, kind))) {
        const meta = await readMeta(join(this.dir, kind, key));
        if (meta) out.push({ kind, key, ...meta });
      }
    }
    return out;
  }

  /** Removes the least recently used entries until the total is within the cap. */
  async evict(): Promise<string[]> {
    const entries = (await this.list()).sort((a, b) => a.usedAt - b.usedAt);
    let total = entries.reduce((sum, e) => sum + e.bytes, 0);
    const removed: string[] = [];
    for (const e of entries) {
      if (total <= this.maxBytes) break;
      await rm(join(this.dir, e.kind, e.key), { recursive: true, force: true });
      total -= e.bytes;
      removed.push(`${e.kind}/${e.key}`);
    }
    return removed;
  }
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 200) || "_";
}

async function readMeta(entry: string): Promise<Meta | undefined> {
  try {
    const meta = JSON.parse(await readFile(join(entry, "meta.json"), "utf8")) as Meta;
    return typeof meta.bytes === "number" ? meta : undefined;
  } catch {
    return undefined;
  }
}

async function writeMeta(entry: string, meta: Meta): Promise<void> {
  const tmp = join(entry, `.meta-${randomBytes(4).toString("hex")}`);
  await writeFile(tmp, JSON.stringify(meta));
  await rename(tmp, join(entry, "meta.json"));
}

async function dirs(path: string): Promise<string[]> {
  try {
    return (await readdir(path, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/**
 * Copies a file or tree without following symlinks and keeping timestamps (Mix compares them).
 * `cp -a --reflink=auto` is fast and shares blocks on CoW filesystems; Node's copy is the fallback.
 */
export async function copy(src: string, dest: string): Promise<void> {
  await lstat(src);
  try {
    await execa("cp", ["-a", "--reflink=auto", "--", src, dest], { stdin: "ignore" });
  } catch {
    await rm(dest, { recursive: true, force: true });
    await cp(src, dest, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true, errorOnExist: true, force: false });
  }
}

/** Bytes on disk of a file or tree (symlinks count as themselves). */
export async function sizeOf(path: string): Promise<number> {
  const info = await lstat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await sizeOf(join(path, entry));
  return total;
}
