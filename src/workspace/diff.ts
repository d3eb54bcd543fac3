import type { DiffFile, DiffLine, FileStatus, Hunk } from "./types.js";

/**
 * Parses `git diff` output (unified, with `diff --git` headers) into files, hunks and new-side
 * line maps. Handles renames and copies, mode changes, binary files, deletions, quoted paths,
 * CRLF content and "\ No newline at end of file".
 */
export function parseUnifiedDiff(text: string): DiffFile[] {
  const files: DiffFile[] = [];
  const lines = text.split("\n");
  let file: MutableFile | undefined;
  let hunk: Hunk | undefined;
  let oldLine = 0;
  let newLine = 0;
  let lastKind: DiffLine["kind"] | undefined;

  const finish = () => {
    if (file) files.push(finalise(file));
    file = undefined;
    hunk = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (raw.startsWith("diff --git ")) {
      finish();
      file = newFile(raw.slice("diff --git ".length));
      continue;
    }
    if (!file) continue;

    if (hunk && (raw.startsWith(" ") || raw.startsWith("+") || raw.startsWith("-") || raw === "")) {
      // Inside a hunk: count down what the header promised so "--- x" content lines are not headers.
      const remainingOld = hunk.oldStart + hunk.oldLines - oldLine;
      const remainingNew = hunk.newStart + hunk.newLines - newLine;
      if (remainingOld > 0 || remainingNew > 0) {
        const marker = raw[0];
        const content = stripCr(raw.slice(1));
        if (marker === "+") {
          hunk.lines.push({ kind: "add", newLine, text: content });
          file.added.push(newLine);
          file.additions++;
          newLine++;
          lastKind = "add";
        } else if (marker === "-") {
          hunk.lines.push({ kind: "del", oldLine, text: content });
          file.deletions++;
          oldLine++;
          lastKind = "del";
        } else {
          hunk.lines.push({ kind: "context", oldLine, newLine, text: content });
          oldLine++;
          newLine++;
          lastKind = "context";
        }
        continue;
      }
    }
    if (raw.startsWith("\\ ")) {
      // "\ No newline at end of file" applies to the line just before it.
      if (lastKind === "add" || lastKind === "context") file.noNewlineAtEnd = true;
      continue;
    }
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/.exec(raw);
    if (header) {
      hunk = {
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        header: stripCr(header[5] ?? ""),
        lines: [],
      };
      // A hunk with zero old (or new) lines reports the line *before* the change as its start.
      oldLine = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart;
      newLine = hunk.newLines === 0 ? hunk.newStart + 1 : hunk.newStart;
      file.hunks.push(hunk);
      lastKind = undefined;
      continue;
    }
    if (hunk) continue; // trailing noise after a complete hunk
    parseExtendedHeader(file, raw);
  }
  finish();
  return files;
}

interface MutableFile {
  headerOld?: string;
  headerNew?: string;
  oldPath?: string;
  newPath?: string;
  status: FileStatus;
  binary: boolean;
  hunks: Hunk[];
  added: number[];
  additions: number;
  deletions: number;
  oldMode?: string;
  newMode?: string;
  noNewlineAtEnd: boolean;
}

function newFile(rest: string): MutableFile {
  const [a, b] = splitHeaderPaths(rest);
  const file: MutableFile = {
    status: "modified",
    binary: false,
    hunks: [],
    added: [],
    additions: 0,
    deletions: 0,
    noNewlineAtEnd: false,
  };
  if (a !== undefined) file.headerOld = stripPrefix(a);
  if (b !== undefined) file.headerNew = stripPrefix(b);
  return file;
}

function parseExtendedHeader(file: MutableFile, raw: string): void {
  const line = stripCr(raw);
  let m: RegExpExecArray | null;
  if ((m = /^new file mode (\d+)/.exec(line))) {
    file.status = "added";
    file.newMode = m[1]!;
  } else if ((m = /^deleted file mode (\d+)/.exec(line))) {
    file.status = "deleted";
    file.oldMode = m[1]!;
  } else if ((m = /^old mode (\d+)/.exec(line))) {
    file.oldMode = m[1]!;
  } else if ((m = /^new mode (\d+)/.exec(line))) {
    file.newMode = m[1]!;
  } else if (line.startsWith("rename from ")) {
    file.status = "renamed";
    file.oldPath = unquote(line.slice("rename from ".length));
  } else if (line.startsWith("rename to ")) {
    file.status = "renamed";
    file.newPath = unquote(line.slice("rename to ".length));
  } else if (line.startsWith("copy from ")) {
    file.status = "copied";
    file.oldPath = unquote(line.slice("copy from ".length));
  } else if (line.startsWith("copy to ")) {
    file.status = "copied";
    file.newPath = unquote(line.slice("copy to ".length));
  } else if (line.startsWith("Binary files ") || line === "GIT binary patch") {
    file.binary = true;
    const bin = /^Binary files (.+) and (.+) differ$/.exec(line);
    if (bin) {
      if (bin[1] !== "/dev/null") file.oldPath ??= stripPrefix(unquote(bin[1]!));
      if (bin[2] !== "/dev/null") file.newPath ??= stripPrefix(unquote(bin[2]!));
    }
  } else if (line.startsWith("--- ")) {
    const p = line.slice(4);
    if (p !== "/dev/null") file.oldPath ??= stripPrefix(unquote(stripTab(p)));
  } else if (line.startsWith("+++ ")) {
    const p = line.slice(4);
    if (p !== "/dev/null") file.newPath ??= stripPrefix(unquote(stripTab(p)));
  }
}

function finalise(file: MutableFile): DiffFile {
  const newPath = file.newPath ?? file.headerNew ?? file.oldPath ?? file.headerOld ?? "";
  const oldPath = file.oldPath ?? file.headerOld ?? newPath;
  const path = file.status === "deleted" ? oldPath : newPath;
  const commentable = new Set<number>();
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) if (line.newLine !== undefined) commentable.add(line.newLine);
  }
  const result: DiffFile = {
    path,
    status: file.status,
    binary: file.binary,
    hunks: file.hunks,
    addedLines: file.status === "deleted" ? [] : file.added,
    commentableLines: file.status === "deleted" ? [] : [...commentable].sort((x, y) => x - y),
    additions: file.additions,
    deletions: file.deletions,
    noNewlineAtEnd: file.noNewlineAtEnd,
  };
  if (file.status === "renamed" || file.status === "copied") result.oldPath = oldPath;
  if (file.oldMode !== undefined) result.oldMode = file.oldMode;
  if (file.newMode !== undefined) result.newMode = file.newMode;
  return result;
}

/** Splits `a/x b/x` (or quoted forms) into its two paths. */
function splitHeaderPaths(rest: string): [string | undefined, string | undefined] {
  const s = stripCr(rest);
  if (s.startsWith('"')) {
    const end = closingQuote(s, 0);
    const first = s.slice(0, end + 1);
    const second = s.slice(end + 2);
    return [unquote(first), unquote(second)];
  }
  const quoted = s.indexOf(' "');
  if (quoted > 0) return [s.slice(0, quoted), unquote(s.slice(quoted + 1))];
  // Unquoted and symmetric (`a/P b/P`): the split point is exactly in the middle.
  if ((s.length - 1) % 2 === 0) {
    const half = (s.length - 1) / 2;
    const a = s.slice(0, half);
    const b = s.slice(half + 1);
    if (a.slice(2) === b.slice(2)) return [a, b];
  }
  const space = s.indexOf(" b/");
  if (space > 0) return [s.slice(0, space), s.slice(space + 1)];
  return [undefined, undefined];
}

function closingQuote(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === "\\") i++;
    else if (s[i] === '"') return i;
  }
  return s.length - 1;
}

/** Undoes git's C-style path quoting (`"a/t\303\251st"`), decoding octal bytes as UTF-8. */
export function unquote(path: string): string {
  if (!(path.length >= 2 && path.startsWith('"') && path.endsWith('"'))) return path;
  const body = path.slice(1, -1);
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "\\" && i + 1 < body.length) {
      const next = body[i + 1]!;
      if (/[0-7]/.test(next)) {
        bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
        i += 3;
        continue;
      }
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i++;
      continue;
    }
    bytes.push(...Buffer.from(ch, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function stripPrefix(p: string): string {
  return /^[abciow12]\//.test(p) ? p.slice(2) : p;
}

function stripTab(p: string): string {
  // git appends a tab after paths containing spaces in ---/+++ lines.
  const tab = p.indexOf("\t");
  return tab >= 0 ? p.slice(0, tab) : p;
}

function stripCr(s: string): string {
  return s.endsWith("\r") ? s.slice(0, -1) : s;
}

/** New-side line → is it inside a hunk (commentable)? Built once per file for fast lookups. */
export function commentableIndex(files: readonly DiffFile[]): Map<string, Set<number>> {
  return new Map(files.map((f) => [f.path, new Set(f.commentableLines)]));
}
