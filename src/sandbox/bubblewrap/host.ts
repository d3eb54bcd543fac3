import { lstatSync, readlinkSync } from "node:fs";

/** The host's top-level library/binary entries: merged-/usr symlinks or real directories. */
export interface RootLayout {
  rootLinks: Record<string, string>;
  rootDirs: string[];
}

const TOP = ["/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"];

export function rootLayout(): RootLayout {
  const layout: RootLayout = { rootLinks: {}, rootDirs: [] };
  for (const entry of TOP) {
    try {
      const info = lstatSync(entry);
      if (info.isSymbolicLink()) layout.rootLinks[entry] = readlinkSync(entry);
      else if (info.isDirectory()) layout.rootDirs.push(entry);
    } catch {
      // Absent on this host.
    }
  }
  return layout;
}
