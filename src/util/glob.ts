/**
 * Minimal glob matching for config paths: `**` crosses directories, `*` and `?` do not,
 * `{a,b}` alternates. A pattern without a slash matches the basename anywhere (gitignore-like).
 */
export function globToRegExp(glob: string): RegExp {
  let re = "";
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
      const end = glob.indexOf("}", i);
      if (end < 0) re += "\\{";
      else {
        re += `(?:${glob.slice(i + 1, end).split(",").map(escape).join("|")})`;
        i = end;
      }
    } else re += escape(ch);
  }
  return new RegExp(`^${re}$`);
}

const cache = new Map<string, RegExp>();

export function matchesGlob(path: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) {
    const anchored = glob.includes("/") ? glob.replace(/^\.?\//, "") : `**/${glob}`;
    re = globToRegExp(anchored.endsWith("/") ? `${anchored}**` : anchored);
    cache.set(glob, re);
  }
  return re.test(path);
}

function escape(s: string): string {
  return s.replace(/[.+^$()|[\]\\]/g, "\\$&");
}
