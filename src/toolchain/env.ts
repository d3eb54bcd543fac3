import type { Config } from "../config/schema.js";
import type { WorkDirs } from "./workdir.js";

/**
 * The environment of every toolchain run, on top of the sandbox's own allowlisted base. MIX_HOME
 * and HEX_HOME live in the workspace so they can be restored from and saved to the cache.
 */
export function toolchainEnv(config: Config["toolchain"], work: WorkDirs, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    MIX_ENV: config.mixEnv,
    MIX_HOME: work.mixHome,
    HEX_HOME: work.hexHome,
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    TERM: "dumb",
    ...extra,
  };
}

/** Only the dependency step may reach Hex; the others must not try (no network there). */
export function stepEnv(base: Record<string, string>, step: string): Record<string, string> {
  return step === "deps" ? base : { ...base, HEX_OFFLINE: "1" };
}
