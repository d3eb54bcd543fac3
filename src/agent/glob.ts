/**
 * Minimal glob matching for config paths (`lib/**`, `**\/*.ex`, `config/{dev,prod}.exs`):
 * `**` crosses directories, `*` and `?` do not, `{a,b}` alternates. A pattern without a slash
 * matches the file name in any directory, like .gitignore.
 */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        re += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else re += "[^/]*";
    } else if (ch === "?") re += "[^/]";
    else if (ch === "{") {
      braces++;
      re += "(?:";
    } else if (ch === "}" && braces > 0) {
      braces--;
      re += ")";
    } else if (ch === "," && braces > 0) re += "|";
    else re += ch.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  const anchored = glob.includes("/") ? `^${re.replace(/^\\\.\//, "")}$` : `^(?:.*/)?${re}$`;
  return new RegExp(anchored);
}

export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => globToRegExp(glob).test(path));
}
