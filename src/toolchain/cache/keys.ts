import { createHash } from "node:crypto";
import type { ToolVersions } from "../types.js";

/** What a cache entry depends on. */
export interface CacheKeys {
  /** Per repository: `deps/` and `HEX_HOME`, by platform and mix.lock. */
  deps: string;
  /** Per repository: `_build/`, by platform, mix.lock and MIX_ENV. */
  build: string;
  /** Per repository: `MIX_HOME` (Hex/rebar archives, dialyxir core PLTs), by platform. */
  mixHome: string;
  /** Shared: the core PLT (erts, kernel, stdlib, elixir, logger), by platform only. */
  plt: string;
}

export function platformKey(v: Pick<ToolVersions, "os" | "arch" | "otp" | "elixir">): string {
  return `${v.os}-${v.arch}-otp${v.otp}-elixir${v.elixir}`;
}

export function cacheKeys(versions: ToolVersions, mixLock: string | undefined, mixEnv: string): CacheKeys {
  const platform = platformKey(versions);
  const lock = mixLock === undefined ? "nolock" : `lock${sha(mixLock).slice(0, 16)}`;
  return {
    deps: `${platform}-${lock}`,
    build: `${platform}-${lock}-${mixEnv}`,
    mixHome: platform,
    plt: `${platform}-core`,
  };
}

/** A directory name for a repository: caches are never shared between repositories. */
export function scopeKind(scope: string, kind: string): string {
  return `${sha(scope).slice(0, 16)}-${kind}`;
}

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
