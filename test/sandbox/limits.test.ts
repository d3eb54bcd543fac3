import { describe, expect, it } from "vitest";
import { resolveLimits, tmpBytes } from "../../src/sandbox/limits.js";
import { signalFromStatus } from "../../src/sandbox/result.js";
import { DEFAULT_LIMITS } from "../../src/sandbox/types.js";

describe("resolveLimits", () => {
  it("layers defaults, sandbox options and the request", () => {
    expect(resolveLimits({ wallMs: 5_000, processes: 100 }, { processes: 50 })).toEqual({ ...DEFAULT_LIMITS, wallMs: 5_000, processes: 50 });
  });

  it("refuses nonsense instead of running unlimited", () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => resolveLimits({ memoryBytes: bad })).toThrow(/memoryBytes/);
    }
  });

  it("keeps the wall clock within what a timer can wait", () => {
    expect(resolveLimits({ wallMs: 1e12 }).wallMs).toBe(2 ** 31 - 1);
  });

  it("caps the private /tmp at the memory limit and 1 GiB", () => {
    expect(tmpBytes({ ...DEFAULT_LIMITS, memoryBytes: 256 * 1024 ** 2 })).toBe(256 * 1024 ** 2);
    expect(tmpBytes(DEFAULT_LIMITS)).toBe(1024 ** 3);
  });
});

describe("signalFromStatus", () => {
  it("decodes 128+N statuses only", () => {
    expect(signalFromStatus(137)).toBe("SIGKILL");
    expect(signalFromStatus(152)).toBe("SIGXCPU");
    expect(signalFromStatus(1)).toBeNull();
    expect(signalFromStatus(128)).toBeNull();
    expect(signalFromStatus(255)).toBeNull();
    expect(signalFromStatus(null)).toBeNull();
  });
});
