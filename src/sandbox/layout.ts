import { chmod, lchown, lstat, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type SandboxIdentity, identityFiles } from "./identity.js";
import { assertReachable, chownTree } from "./own.js";

/** The job's own sandbox directory: HOME (with MIX_HOME/HEX_HOME) and the synthetic /etc files. */
export interface JobLayout {
  root: string;
  home: string;
  /** Sandbox path → host file. */
  etcFiles: Record<string, string>;
}

const HOSTS = "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n127.0.1.1 sandbox\n";

/**
 * Creates `<jobDir>/sandbox/{home,etc}` owned by the sandbox uid, and lets that uid (its group
 * only) traverse the job directory itself. Idempotent.
 */
export async function prepareJobLayout(jobDir: string, identity: SandboxIdentity): Promise<JobLayout> {
  const root = join(jobDir, "sandbox");
  const home = join(root, "home");
  const etc = join(root, "etc");
  await mkdir(home, { recursive: true });
  await mkdir(etc, { recursive: true });
  const files = identityFiles(identity, home);
  const etcFiles = { "/etc/passwd": join(etc, "passwd"), "/etc/group": join(etc, "group"), "/etc/hosts": join(etc, "hosts") };
  await writeFile(etcFiles["/etc/passwd"], files.passwd);
  await writeFile(etcFiles["/etc/group"], files.group);
  await writeFile(etcFiles["/etc/hosts"], HOSTS);
  if (identity.switchUser) {
    await openJobDir(jobDir, identity);
    await chownTree(root, identity);
    await assertReachable(root, identity);
  }
  return { root, home, etcFiles };
}

/** Root keeps owning the job directory; the sandbox group may only traverse it (0710). */
export async function openJobDir(jobDir: string, identity: SandboxIdentity): Promise<void> {
  const info = await lstat(jobDir);
  if (info.uid === identity.uid) return;
  if (info.gid !== identity.gid) await lchown(jobDir, info.uid, identity.gid);
  if ((info.mode & 0o010) === 0) await chmod(jobDir, (info.mode & 0o7777) | 0o010);
}
