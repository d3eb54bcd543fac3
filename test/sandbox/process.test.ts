import { describe, expect, it } from "vitest";
import { CappedBuffer } from "../../src/sandbox/process/capture.js";
import { runProcess } from "../../src/sandbox/process/run.js";
import { hostProcessesMatching } from "./helpers.js";

const base = { cwd: "/", env: { PATH: "/usr/bin:/bin" }, wallMs: 30_000, outputBytes: 1024 ** 2 };

describe("CappedBuffer", () => {
  it("keeps the first bytes, counts the rest, flags truncation", () => {
    const buffer = new CappedBuffer(5);
    expect(buffer.push(Buffer.from("abc"))).toBe(true);
    expect(buffer.push(Buffer.from("defg"))).toBe(false);
    expect(buffer.text()).toBe("abcde");
    expect(buffer.received).toBe(7);
    expect(buffer.truncated).toBe(true);
  });
});

describe("runProcess", () => {
  it("captures output, exit code and stdin", async () => {
    const outcome = await runProcess({ ...base, argv: ["/bin/sh", "-c", "cat; echo err >&2; exit 3"], stdin: "in\n" });
    expect(outcome).toMatchObject({ exitCode: 3, signal: null, timedOut: false, aborted: false, outputCapHit: false });
    expect(outcome.stdout.text()).toBe("in\n");
    expect(outcome.stderr.text()).toBe("err\n");
  });

  it("stops reading at the output cap and kills the writer long before 1 GB", async () => {
    const outcome = await runProcess({ ...base, argv: ["/usr/bin/head", "-c", String(1024 ** 3), "/dev/zero"], outputBytes: 64 * 1024 });
    expect(outcome.outputCapHit).toBe(true);
    expect(outcome.signal).toBe("SIGKILL");
    expect(outcome.stdout.text().length).toBe(64 * 1024);
    // What was read before the kill took effect: pipe buffers' worth, not a gigabyte.
    expect(outcome.stdout.received).toBeLessThan(64 * 1024 ** 2);
  });

  it("kills the whole process group at the wall clock", async () => {
    const outcome = await runProcess({ ...base, argv: ["/bin/sh", "-c", "sleep 86394.5 & sleep 86393.5"], wallMs: 300 });
    expect(outcome.timedOut).toBe(true);
    expect(outcome.signal).toBe("SIGKILL");
    expect(hostProcessesMatching("86394.5")).toEqual([]);
    expect(hostProcessesMatching("86393.5")).toEqual([]);
  });

  it("kills on abort, and does not start when already aborted", async () => {
    const controller = new AbortController();
    const running = runProcess({ ...base, argv: ["/bin/sleep", "86392.5"], signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const outcome = await running;
    expect(outcome.aborted).toBe(true);
    expect(outcome.signal).toBe("SIGKILL");
    const never = await runProcess({ ...base, argv: ["/bin/sh", "-c", "echo ran"], signal: controller.signal });
    expect(never.aborted).toBe(true);
    expect(never.stdout.text()).toBe("");
  });

  it("kills what the command left running in its group once it exits", async () => {
    const outcome = await runProcess({ ...base, argv: ["/bin/sh", "-c", "sleep 86391.5 & echo bye"] });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout.text()).toBe("bye\n");
    expect(hostProcessesMatching("86391.5")).toEqual([]);
  });

  it("reports whether the start marker arrived on fd 3", async () => {
    const ok = await runProcess({ ...base, argv: ["/bin/sh", "-c", "printf ready >&3; echo hi"], startMarker: "ready" });
    expect(ok.started).toBe(true);
    const failed = await runProcess({ ...base, argv: ["/bin/sh", "-c", "echo 'bwrap: setup failed' >&2; exit 1"], startMarker: "ready" });
    expect(failed.started).toBe(false);
  });

  it("rejects when the program cannot be started at all", async () => {
    await expect(runProcess({ ...base, argv: ["/nonexistent/binary"] })).rejects.toThrow(/ENOENT/);
  });
});
