import { simpleGit, type SimpleGit } from "simple-git";

/**
 * A simple-git instance for untrusted repositories: no hooks, no global or system config, no
 * prompts, C.UTF-8 output. A token, when given, travels as an HTTP header in the process
 * environment of that one command — never in argv (visible in `ps`) and never in `.git/config`.
 */
export interface SafeGitOptions {
  baseDir: string;
  /** A directory used as HOME so no user `~/.gitconfig` applies. */
  home: string;
  token?: string;
  signal?: AbortSignal;
}

export function safeGit({ baseDir, home, token, signal }: SafeGitOptions): SimpleGit {
  const config: [string, string][] = [
    ["core.hooksPath", "/dev/null"],
    ["core.fsmonitor", "false"],
    ["advice.detachedHead", "false"],
    ["init.defaultBranch", "main"],
    ["gc.auto", "0"],
  ];
  if (token) config.push(["http.extraHeader", `Authorization: Basic ${basicAuth(token)}`]);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_COUNT: String(config.length),
  };
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return simpleGit({
    baseDir,
    maxConcurrentProcesses: 4,
    ...(signal ? { abort: signal } : {}),
    unsafe: { allowUnsafeConfigEnvCount: true, allowUnsafeHooksPath: true, allowUnsafeFsMonitor: true },
  }).env(env);
}

function basicAuth(token: string): string {
  return Buffer.from(`x-access-token:${token}`).toString("base64");
}
