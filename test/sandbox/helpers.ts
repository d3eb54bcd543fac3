import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { which } from "../../src/sandbox/which.js";
import { TestRepo } from "../helpers/git-repo.js";

export const HAVE_BWRAP = which("bwrap", process.env.PATH) !== undefined;
export const HAVE_ELIXIR = which("elixir", process.env.PATH) !== undefined;
const REQUIRE = process.env.REQUIRE_BWRAP === "1" || process.env.REQUIRE_ELIXIR === "1";
/** Tests with real bubblewrap run when it is installed, and fail (not skip) without it under REQUIRE_*. */
export const SKIP_BWRAP = !HAVE_BWRAP && !REQUIRE;
export const SKIP_ELIXIR = (!HAVE_BWRAP || !HAVE_ELIXIR) && !REQUIRE;
export const IS_ROOT = process.getuid?.() === 0;

export interface Job {
  jobDir: string;
  workspace: string;
  repo: TestRepo;
  cleanup(): void;
}

/** A job directory with a real git checkout at `<jobDir>/repo`, like the workspace stage makes. */
export function makeJob(files: Record<string, string> = { "README.md": "hello\n" }): Job {
  const jobDir = mkdtempSync(join(tmpdir(), "ea-sbx-"));
  const workspace = join(jobDir, "repo");
  mkdirSync(workspace);
  const repo = new TestRepo(workspace).write(files);
  repo.commit("initial");
  return { jobDir, workspace, repo, cleanup: () => rmSync(jobDir, { recursive: true, force: true }) };
}

export function copyFixture(name: string, to: string): void {
  cpSync(join(import.meta.dirname, "..", "fixtures", "sandbox", name), to, { recursive: true });
}

/** Command lines of every live process on the host containing `marker`. */
export function hostProcessesMatching(marker: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || entry === String(process.pid)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmdline.includes(marker)) found.push(`${entry}: ${cmdline}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Live processes owned by `uid` (zombies are dead: only the host's init still has to reap them). */
export function hostProcessesOf(uid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (statSync(`/proc/${entry}`).uid !== uid) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z") pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}
