import { bwrapFailed, bwrapMissing, unsupportedPlatform, userNamespacesDenied } from "../errors.js";
import { sandboxIdentity } from "../identity.js";
import { type LauncherTools, launcherArgv } from "../launcher.js";
import { launcherTools } from "../tools.js";
import { runProcess } from "../process/run.js";
import type { SandboxUnavailableError } from "../types.js";
import { which } from "../which.js";
import { type RootLayout, rootLayout } from "./host.js";

/** What a working bubblewrap host provides. */
export interface BwrapHost extends RootLayout {
  bwrap: string;
  tools: LauncherTools;
}

const USERNS_DENIED = /No permissions to create new namespace|Creating new namespace failed|setting up uid map|user namespace|Operation not permitted/i;

/** bwrap's stderr → the error a user can act on. */
export function classifyBwrapFailure(stderr: string): SandboxUnavailableError {
  const line = stderr.split("\n").find((l) => l.trim()) ?? "no output";
  const detail = line.trim().slice(0, 300);
  return USERNS_DENIED.test(stderr) ? userNamespacesDenied(detail) : bwrapFailed(detail);
}

const cache = new Map<string, Promise<BwrapHost>>();

/**
 * Finds bwrap (and prlimit, and setpriv when root) on `hostPath`, then proves it works by
 * starting a real sandbox running `true` as the uid PR code will use. Successes are cached.
 */
export function probeBubblewrap(hostPath: string | undefined, platform: NodeJS.Platform = process.platform): Promise<BwrapHost> {
  const key = `${platform}\0${hostPath ?? ""}`;
  const existing = cache.get(key);
  if (existing) return existing;
  const probe = runProbe(hostPath, platform);
  cache.set(key, probe);
  probe.catch(() => cache.delete(key));
  return probe;
}

async function runProbe(hostPath: string | undefined, platform: NodeJS.Platform): Promise<BwrapHost> {
  if (platform !== "linux") throw unsupportedPlatform(platform);
  const bwrap = which("bwrap", hostPath);
  if (!bwrap) throw bwrapMissing();
  const tools = launcherTools(hostPath);
  const identity = sandboxIdentity("/probe");
  const layout = rootLayout();

  const args = [bwrap, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--clearenv"];
  args.push("--cap-drop", "ALL", "--ro-bind", "/usr", "/usr");
  for (const [link, target] of Object.entries(layout.rootLinks)) args.push("--symlink", target, link);
  for (const dir of layout.rootDirs) args.push("--ro-bind", dir, dir);
  args.push("--proc", "/proc", "--dev", "/dev", "--", "/usr/bin/true");
  const argv = launcherArgv({ tools, cgroupProcs: [], rlimits: { processes: 64 }, identity, commandDiesWithParent: true }, args);
  let outcome;
  try {
    outcome = await runProcess({ argv, cwd: "/", env: {}, wallMs: 15_000, outputBytes: 64 * 1024 });
  } catch (error) {
    throw bwrapFailed((error as Error).message);
  }
  if (outcome.exitCode !== 0) throw classifyBwrapFailure(outcome.stderr.text() || `exit ${outcome.exitCode ?? outcome.signal}`);
  return { bwrap, tools, ...layout };
}
