import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  LANG: "C.UTF-8",
};

/** A real git repository in a temp dir, driven with the git binary. */
export class TestRepo {
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), "ea-repo-"));
    this.git("init", "-q", "-b", "main");
    this.git("config", "core.autocrlf", "false");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, env: GIT_ENV, encoding: "utf8", maxBuffer: 256 * 1024 ** 2 });
  }

  write(files: Record<string, string | Buffer>): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    return this;
  }

  remove(...paths: string[]): this {
    for (const path of paths) rmSync(join(this.dir, path), { recursive: true, force: true });
    return this;
  }

  commit(message: string): string {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.head();
  }

  head(): string {
    return this.git("rev-parse", "HEAD").trim();
  }

  /** A bare clone to serve as the "GitHub" remote over file://, with `refs/pull/<n>/head`. */
  bareRemote(pulls: Record<number, string> = {}): { dir: string; url: string } {
    const dir = mkdtempSync(join(tmpdir(), "ea-remote-"));
    execFileSync("git", ["clone", "-q", "--bare", this.dir, dir], { env: GIT_ENV });
    for (const [n, sha] of Object.entries(pulls)) {
      execFileSync("git", ["update-ref", `refs/pull/${n}/head`, sha], { cwd: dir, env: GIT_ENV });
    }
    return { dir, url: `file://${dir}` };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
