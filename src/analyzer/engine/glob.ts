/**
 * Repository globs (`lib/**\/*.ex`, `priv/repo/migrations/*`, `{lib,test}/legacy/**`): `**`
 * crosses directories, `*` and `?` stay within one segment, `{a,b}` alternates, `[…]` is a
 * class. A pattern also matches everything below a directory it names (`lib/legacy`).
 */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        out += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "{") {
      inBraces++;
      out += "(?:";
    } else if (c === "}" && inBraces > 0) {
      inBraces--;
      out += ")";
    } else if (c === "," && inBraces > 0) out += "|";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 1);
      if (close === -1) out += "\\[";
      else {
        out += `[${glob.slice(i + 1, close).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\]/g, "\\$&");
  }
  return new RegExp(`^${out.replace(/\/$/, "")}(?:/.*)?$`);
}

const cache = new Map<string, RegExp>();

export function matchesGlob(path: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) cache.set(glob, (re = globToRegExp(glob.replace(/^\.\//, ""))));
  return re.test(path);
}

export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(path, g));
}
