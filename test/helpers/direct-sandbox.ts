import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { DEFAULT_LIMITS, type RunRequest, type RunResult, type Sandbox } from "../../src/sandbox/types.js";

/**
 * TESTS ONLY: runs commands directly on the host, without isolation. It honours what the
 * toolchain relies on — cwd, an explicit environment (plus PATH, a private HOME and LANG),
 * `limits.wallMs` (the whole process group is killed), `limits.outputBytes`, the abort signal
 * and stdin — so steps can be driven for real where bubblewrap is not available.
 */
export class DirectSandbox implements Sandbox {
  readonly backend = "none" as const;
  readonly home = mkdtempSync(join(tmpdir(), "ea-direct-home-"));
  runs: RunRequest[] = [];

  async run(request: RunRequest): Promise<RunResult> {
    this.runs.push(request);
    const limits = { ...DEFAULT_LIMITS, ...request.limits };
    const started = Date.now();
    const child = execa(request.command, [...request.args], {
      cwd: request.cwd,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: this.home, LANG: "C.UTF-8", ...request.env },
      extendEnv: false,
      reject: false,
      detached: true,
      stripFinalNewline: false,
      maxBuffer: limits.outputBytes,
      ...(request.stdin !== undefined ? { input: request.stdin } : { stdin: "ignore" as const }),
    });
    let timedOut = false;
    let aborted = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, limits.wallMs);
    const onAbort = () => {
      aborted = true;
      killGroup();
    };
    request.signal?.addEventListener("abort", onAbort, { once: true });
    if (request.signal?.aborted) onAbort();
    const result = await child;
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", onAbort);
    const notFound = (result as { code?: string }).code === "ENOENT";
    const stdout = typeof result.stdout === "string" ? result.stdout : "";
    const stderr = typeof result.stderr === "string" ? result.stderr : "";
    return {
      exitCode: notFound ? 127 : (result.exitCode ?? null),
      signal: result.signal ?? null,
      stdout,
      stderr: notFound ? `spawn ${request.command} ENOENT` : stderr,
      stdoutTruncated: Boolean(result.isMaxBuffer) && Buffer.byteLength(stdout) >= limits.outputBytes,
      stderrTruncated: Boolean(result.isMaxBuffer) && Buffer.byteLength(stderr) >= limits.outputBytes,
      durationMs: Date.now() - started,
      timedOut,
      aborted,
      limitHit: result.isMaxBuffer ? "output" : null,
    };
  }

  async dispose(): Promise<void> {
    rmSync(this.home, { recursive: true, force: true });
  }
}
