import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Files of a fixture repository, repository-relative POSIX paths. */
export function fixtureFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full).split(sep).join("/"));
    }
  };
  walk(root);
  return out;
}

/**
 * The findings a fixture expects, as sorted `path:line rule` strings: every line carrying an
 * `expect: <rule>[, <rule>]` marker (in a `#` comment or a template comment).
 */
export function expectedFindings(root: string): string[] {
  const out: string[] = [];
  for (const path of fixtureFiles(root)) {
    readFileSync(join(root, path), "utf8")
      .split("\n")
      .forEach((text, i) => {
        const match = /expect: ([\w/,\s-]+?)\s*(?:%>|--%>|-->)?\s*$/.exec(text);
        if (!match) return;
        for (const rule of match[1]!.split(/[,\s]+/).filter(Boolean)) out.push(`${path}:${i + 1} ${rule}`);
      });
  }
  return out.sort();
}
