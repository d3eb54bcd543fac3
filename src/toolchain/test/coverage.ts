import type { RepoPaths } from "../paths.js";
import { lines as splitLines } from "../text/ansi.js";
import type { CoverageReport, ModuleCoverage } from "../types.js";

/** Line hits of one module, merged over every suite that ran it. */
export interface ModuleLines {
  module: string;
  /** Source as printed (absolute); resolved to a repo path later. */
  source?: string;
  lines: Map<number, number>;
}

/**
 * Reads the coverage JSON Lines written by `agent/elixir/cover.exs` (one line per suite; an
 * umbrella has one per child). Several entries for a module keep the highest count per line.
 */
export function parseCoverJsonl(text: string): ModuleLines[] {
  const modules = new Map<string, ModuleLines>();
  for (const raw of text.split("\n")) {
    if (!raw.trim()) continue;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      continue;
    }
    const list = (data as { modules?: unknown }).modules;
    if (!Array.isArray(list)) continue;
    for (const m of list as Record<string, unknown>[]) {
      if (typeof m?.module !== "string" || !Array.isArray(m.lines)) continue;
      const entry = modules.get(m.module) ?? { module: m.module, lines: new Map<number, number>() };
      if (typeof m.source === "string" && m.source) entry.source = m.source;
      for (const pair of m.lines as unknown[]) {
        if (!Array.isArray(pair) || typeof pair[0] !== "number" || typeof pair[1] !== "number" || pair[0] <= 0) continue;
        entry.lines.set(pair[0], Math.max(entry.lines.get(pair[0]) ?? 0, pair[1]));
      }
      modules.set(m.module, entry);
    }
  }
  return [...modules.values()];
}

/** Percent of relevant lines hit at least once; Mix counts a module without lines as 100 %. */
function percent(covered: number, total: number): number {
  return total === 0 ? 100 : round((covered / total) * 100);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface CoverageResult {
  report: CoverageReport;
  /** Repo path → lines never executed. */
  uncovered: Map<string, number[]>;
}

/** Per-module and total line coverage the way `mix test --cover` computes it. */
export function summarise(modules: readonly ModuleLines[], threshold: number, paths: RepoPaths): CoverageResult {
  let covered = 0;
  let total = 0;
  const rows: ModuleCoverage[] = [];
  const uncovered = new Map<string, number[]>();
  for (const m of modules) {
    const hit = [...m.lines.values()].filter((n) => n > 0).length;
    covered += hit;
    total += m.lines.size;
    const row: ModuleCoverage = { module: m.module, percent: percent(hit, m.lines.size) };
    const path = m.source ? paths.resolve(m.source) : undefined;
    if (path) {
      row.path = path;
      const missed = [...m.lines].filter(([, n]) => n === 0).map(([line]) => line);
      if (missed.length > 0) uncovered.set(path, [...(uncovered.get(path) ?? []), ...missed].sort((a, b) => a - b));
    }
    rows.push(row);
  }
  rows.sort((a, b) => a.percent - b.percent || a.module.localeCompare(b.module));
  return { report: { total: percent(covered, total), threshold, modules: rows }, uncovered };
}

const ROW = /^\|?\s*([\d.]+)% \| (.+?)\s*\|?$/;

/**
 * The summary table `mix test --cover` prints (1.14–1.18: `  80.00% | Total`; 1.19: a Markdown
 * table). Used only when the coverage JSON is missing. Undefined without a Total row.
 */
export function parseCoverageTable(output: string, threshold: number): CoverageReport | undefined {
  const rows: ModuleCoverage[] = [];
  let total: number | undefined;
  let inTable = false;
  for (const line of splitLines(output)) {
    if (/Percentage \| Module/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    const m = ROW.exec(line.trim());
    if (!m) {
      if (line.trim() === "") inTable = false;
      continue;
    }
    if (m[2] === "Total") total = Number(m[1]);
    else rows.push({ module: m[2]!, percent: Number(m[1]) });
  }
  return total === undefined ? undefined : { total, threshold, modules: rows.sort((a, b) => a.percent - b.percent) };
}
