/** A change `mix format` would make, in terms of the current file. */
export interface FormatHunk {
  /** 1-based first line replaced; for a pure insertion, the line it goes before (n + 1 at EOF). */
  oldStart: number;
  /** Current lines replaced (0 for a pure insertion). */
  oldLines: string[];
  /** Formatted lines that replace them. */
  newLines: string[];
}

/** Beyond this many edits a diff is reported as one hunk over the differing middle. */
const MAX_EDITS = 2000;

/** Line diff (Myers, after trimming the common prefix and suffix) of current vs formatted text. */
export function diffLines(currentText: string, formatted: string): FormatHunk[] {
  const a = currentText.split("\n");
  const b = formatted.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops = myers(a.slice(start, endA), b.slice(start, endB));
  if (!ops) return endA > start || endB > start ? [{ oldStart: start + 1, oldLines: a.slice(start, endA), newLines: b.slice(start, endB) }] : [];
  const hunks: FormatHunk[] = [];
  let x = 0;
  let y = 0;
  let current: FormatHunk | undefined;
  for (const op of ops) {
    if (op === "=") {
      if (current) hunks.push(current);
      current = undefined;
      x++;
      y++;
      continue;
    }
    current ??= { oldStart: start + x + 1, oldLines: [], newLines: [] };
    if (op === "-") current.oldLines.push(a[start + x++]!);
    else current.newLines.push(b[start + y++]!);
  }
  if (current) hunks.push(current);
  return hunks;
}

type Op = "=" | "-" | "+";

function myers(a: string[], b: string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_EDITS); d++) {
    // Only diagonals -d-1..d+1 can matter at this depth: keep that window (index k + d + 1).
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, d);
    }
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number, dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("=");
      x--;
      y--;
    }
    ops.push(down ? "+" : "-");
    if (down) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    ops.push("=");
    x--;
    y--;
  }
  return ops.reverse();
}
