import { createHash } from "node:crypto";

/** Who PR code runs as. */
export interface SandboxIdentity {
  uid: number;
  gid: number;
  /** True when the app is root and drops to `uid` (setpriv) before starting the sandbox. */
  switchUser: boolean;
}

/**
 * Root is never used for PR code: the kernel does not apply RLIMIT_NPROC to uid 0 and PostgreSQL
 * refuses to run as root. A root app runs each job as its own unprivileged uid (no passwd entry
 * needed), derived from the job directory so the sandbox and the job's PostgreSQL agree on it
 * without coordination. A non-root app runs PR code as itself.
 */
export const SANDBOX_UID_BASE = 1_800_000_000;
export const SANDBOX_UID_RANGE = 1_000_000;

export function sandboxIdentity(jobDir: string, override?: number): SandboxIdentity {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? uid, switchUser: false };
  if (override !== undefined) {
    if (!Number.isInteger(override) || override <= 0 || override >= 2 ** 31) {
      throw new RangeError(`sandbox uid must be a positive 31-bit integer, got ${override}`);
    }
    return { uid: override, gid: override, switchUser: true };
  }
  const digest = createHash("sha256").update(jobDir).digest();
  const derived = SANDBOX_UID_BASE + (digest.readUInt32BE(0) % SANDBOX_UID_RANGE);
  return { uid: derived, gid: derived, switchUser: true };
}

/** A passwd/group pair naming the sandbox user (initdb and `whoami` need one), bound over /etc. */
export function identityFiles(identity: SandboxIdentity, home: string): { passwd: string; group: string } {
  return {
    passwd: `sandbox:x:${identity.uid}:${identity.gid}:elixir-agent sandbox:${home}:/bin/sh\n`,
    group: `sandbox:x:${identity.gid}:\n`,
  };
}
