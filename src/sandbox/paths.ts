import { resolve, sep } from "node:path";

/** True when `path` is `root` or inside it (lexically; both are host paths the app chose). */
export function isInside(path: string, root: string): boolean {
  const p = resolve(path);
  const r = resolve(root);
  return p === r || p.startsWith(r.endsWith(sep) ? r : r + sep);
}

/** The run's cwd must be inside the workspace or a writable path: anything else is a caller bug. */
export function assertCwd(cwd: string, roots: readonly string[]): string {
  const resolved = resolve(cwd);
  if (!roots.some((root) => isInside(resolved, root))) {
    throw new Error(`sandbox: cwd ${cwd} is outside the sandbox's workspace (${roots.join(", ")})`);
  }
  return resolved;
}
