import { readdir } from "node:fs/promises";
import { join, posix } from "node:path";
import { stripAnsi } from "./text/ansi.js";
import type { MixApp } from "./types.js";

/** Directories that never hold the project's own sources, anywhere. */
const SKIP_ANYWHERE = new Set([".git", "node_modules", ".elixir-agent", ".elixir_ls"]);
/** Mix output directories, at the root or in an umbrella child (`apps/x/deps`). */
const SKIP_BUILD = new Set(["deps", "_build", "cover"]);
/** Paths outside the project even though they are under its root. */
const OUTSIDE = /^(deps|_build|\.elixir-agent)\/|^[^/]+\/[^/]+\/(deps|_build)\//;
const MAX_FILES = 100_000;

/**
 * Maps what tools print to repo-relative paths. Tools print absolute paths (ExUnit `tags.file`,
 * `mix format` on 1.15+, possibly under another mount point), paths relative to an umbrella
 * child (compiler text, stack frames, dialyzer) or a bare basename (dialyzer without
 * `--fullpath`). Resolution only ever answers with a file that exists in the checkout.
 */
export class RepoPaths {
  private readonly byBase = new Map<string, string[]>();
  private readonly roots: string[] = [];
  private apps: MixApp[] = [];

  constructor(
    root: string,
    private readonly files: ReadonlySet<string>,
    apps: readonly MixApp[] = [],
  ) {
    this.addRoot(root);
    this.setApps(apps);
    for (const file of files) {
      const base = posix.basename(file);
      const list = this.byBase.get(base);
      if (list) list.push(file);
      else this.byBase.set(base, [file]);
    }
  }

  /** Lists the checkout's files (no symlinks followed, no deps/_build). */
  static async scan(root: string, apps: readonly MixApp[] = []): Promise<RepoPaths> {
    return new RepoPaths(root, await listFiles(root), apps);
  }

  /** Another directory the tools saw the repository at (e.g. a sandbox mount point). */
  addRoot(dir: string): void {
    const clean = dir.replace(/\/+$/, "");
    if (clean && !this.roots.includes(clean)) this.roots.push(clean);
  }

  setApps(apps: readonly MixApp[]): void {
    this.apps = apps.filter((a) => a.path !== ".");
  }

  /** The directory of an umbrella child, by app name or directory. */
  appDir(app: string): string | undefined {
    return this.apps.find((a) => a.app === app || a.path === app || posix.basename(a.path) === app)?.path;
  }

  /** The umbrella child a tool ran in, from its absolute working directory. */
  appForDir(dir: string): string | undefined {
    const clean = dir.replace(/\/+$/, "");
    return this.apps.find((a) => clean.endsWith(`/${a.path}`))?.path;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /**
   * The repo-relative path of a file a tool printed, or undefined when it lies outside the
   * repository (deps, `_build`, Elixir's own sources) or cannot be found. `app`: the umbrella
   * child the output belongs to (from `==> app` headers), by name or directory.
   */
  resolve(printed: string, app?: string): string | undefined {
    const path = normalise(printed);
    if (!path) return undefined;
    if (path.startsWith("/")) return this.resolveAbsolute(path);
    if (path.startsWith("../") || OUTSIDE.test(path)) return undefined;
    const dir = app ? this.appDir(app) : undefined;
    if (dir && this.files.has(`${dir}/${path}`)) return `${dir}/${path}`;
    if (this.files.has(path)) return path;
    const inApps = this.apps.map((a) => `${a.path}/${path}`).filter((p) => this.files.has(p));
    if (inApps.length > 0) return inApps[0];
    if (!path.includes("/")) {
      const same = this.byBase.get(path) ?? [];
      if (same.length === 1) return same[0];
    }
    return undefined;
  }

  private resolveAbsolute(path: string): string | undefined {
    for (const root of this.roots) {
      if (path.startsWith(`${root}/`)) {
        const rel = path.slice(root.length + 1);
        return OUTSIDE.test(rel) || !this.files.has(rel) ? undefined : rel;
      }
    }
    // Another mount point: the longest suffix of at least two segments that is a repo file.
    if (/\/(deps|_build)\/|\/lib\/(elixir|erlang|ex_unit|mix|logger|iex|eex)\//.test(path)) return undefined;
    const parts = path.split("/").filter(Boolean);
    for (let i = 0; i < parts.length - 1; i++) {
      const rel = parts.slice(i).join("/");
      if (this.files.has(rel)) return rel;
    }
    return undefined;
  }
}

function normalise(printed: string): string {
  let path = stripAnsi(printed).trim().replace(/\\/g, "/");
  while (path.startsWith("./")) path = path.slice(2);
  return posix.normalize(path || ".") === "." ? "" : posix.normalize(path);
}

async function listFiles(root: string): Promise<Set<string>> {
  const out = new Set<string>();
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (out.size >= MAX_FILES) return;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        const buildDir = SKIP_BUILD.has(entry.name) && (rel === "" || /^[^/]+\/[^/]+$/.test(rel));
        if (!SKIP_ANYWHERE.has(entry.name) && !buildDir) await walk(join(dir, entry.name), path);
      } else if (entry.isFile()) {
        out.add(path);
      }
    }
  };
  await walk(root, "");
  return out;
}
