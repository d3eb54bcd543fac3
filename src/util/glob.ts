/**
 * The one glob dialect of the configuration (`review.ignorePaths`, `analyzer.paths[].path`,
 * `agent.instructions[].path`), so every stage agrees on what a pattern covers:
 * - `**` crosses directories, `*` and `?` stay within one segment;
 * - `{a,b}` alternates (globs allowed inside), `[abc]` / `[!abc]` is a class;
 * - a pattern without a slash matches the file name anywhere (`*.exs`), gitignore-like;
 * - a pattern also covers everything below a directory it names (`lib/legacy`, `lib/legacy/`).
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
    } else out += c.replace(/[.+^$()|{}\\]/g, "\\$&");
  }
  // An unclosed `{` stays literal text rather than an invalid expression.
  if (inBraces > 0) return globToRegExp(glob.replace(/\{/g, "[{]"));
  return new RegExp(`^${out.replace(/\/$/, "")}(?:/.*)?$`);
}

const cache = new Map<string, RegExp>();

export function matchesGlob(path: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) {
    const rooted = glob.replace(/^\.?\//, "");
    re = globToRegExp(glob.includes("/") ? rooted : `**/${rooted}`);
    cache.set(glob, re);
  }
  return re.test(path);
}

export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => matchesGlob(path, g));
}
