import { DEFAULT_LIMITS, type Limits } from "./types.js";

/** setTimeout fires at once for anything above 2^31-1 ms (~24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The limits of one run: defaults, then the sandbox's options, then the request's. */
export function resolveLimits(...layers: ReadonlyArray<Partial<Limits> | undefined>): Limits {
  const merged: Limits = { ...DEFAULT_LIMITS };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {}) as Array<[keyof Limits, number | undefined]>) {
      if (value !== undefined) merged[key] = value;
    }
  }
  for (const [key, value] of Object.entries(merged)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`sandbox limit \`${key}\` must be a positive number, got ${String(value)}`);
    }
  }
  merged.wallMs = Math.min(merged.wallMs, MAX_TIMER_MS);
  return merged;
}

/** Size of the private /tmp (tmpfs): bounded even where no memory cgroup is available. */
export function tmpBytes(limits: Limits): number {
  return Math.min(limits.memoryBytes, 1024 ** 3);
}
