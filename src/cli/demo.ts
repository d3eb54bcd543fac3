import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../util/paths.js";

export interface DemoRepo {
  dir: string;
  base: string;
  head: string;
  cleanup(): void;
}

/**
 * Builds the built-in demo as a real git repository: `examples/demo` (a small supervised OTP app
 * with a context and tests) committed on `main`, and `examples/demo-change` (a realistic change
 * with problems a senior reviewer catches) committed on `feature/reservations`.
 */
export function buildDemoRepo(): DemoRepo {
  const examples = join(projectRoot(), "examples");
  const dir = mkdtempSync(join(tmpdir(), "elixir-agent-demo-"));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "Demo Author",
    GIT_AUTHOR_EMAIL: "demo@example.com",
    GIT_COMMITTER_NAME: "Demo Author",
    GIT_COMMITTER_EMAIL: "demo@example.com",
    GIT_CONFIG_NOSYSTEM: "1",
  };
  const git = (...args: string[]) => execFileSync("git", ["-c", "core.hooksPath=/dev/null", ...args], { cwd: dir, env, encoding: "utf8" }).trim();
  git("init", "-q", "-b", "main");
  copyTree(join(examples, "demo"), dir);
  git("add", "-A");
  git("commit", "-q", "-m", "Shop: inventory and catalog");
  const base = git("rev-parse", "HEAD");
  git("checkout", "-q", "-b", "feature/reservations");
  copyTree(join(examples, "demo-change"), dir);
  git("add", "-A");
  git("commit", "-q", "-m", "Add stock reservations and low-stock notifications");
  const head = git("rev-parse", "HEAD");
  return { dir, base, head, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function copyTree(from: string, to: string): void {
  for (const entry of readdirSync(from)) cpSync(join(from, entry), join(to, entry), { recursive: true });
}
