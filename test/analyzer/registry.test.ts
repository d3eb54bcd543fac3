import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CATALOGUE_END, CATALOGUE_START, renderCatalogue } from "../../src/analyzer/catalogue.js";
import { RULES, ruleInfos } from "../../src/analyzer/registry.js";
import { SEVERITIES } from "../../src/review/finding.js";
import { expectedFindings } from "./expectations.js";

const ROOT = join(import.meta.dirname, "../..");

describe("rule registry", () => {
  it("has unique, well-formed ids, one rule file each", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
    const files = readdirSync(join(ROOT, "src/analyzer/rules")).filter((f) => f.endsWith(".ts"));
    expect(files).toHaveLength(RULES.length);
  });

  it("maps every rule to an item of agent/checklist.yaml and gives why and how", () => {
    const checklist = parse(readFileSync(join(ROOT, "agent/checklist.yaml"), "utf8")) as { items: { id: string }[] };
    const items = new Set(checklist.items.map((i) => i.id));
    for (const rule of RULES) {
      expect(items, rule.id).toContain(rule.checklistItem);
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.title.length).toBeLessThanOrEqual(255);
      expect(rule.why.length, rule.id).toBeGreaterThan(80);
      expect(rule.fix.length, rule.id).toBeGreaterThan(40);
    }
    expect(ruleInfos().map((r) => r.id)).toEqual(RULES.map((r) => r.id));
  });

  it("has a positive fixture for every rule", () => {
    const fixtures = join(ROOT, "test/fixtures/analyzer/rules");
    const covered = new Set(readdirSync(fixtures).flatMap((d) => expectedFindings(join(fixtures, d)).map((k) => k.split(" ")[1])));
    // test/untested-change needs a diff; test/analyzer/untested-change.test.ts covers it with real git repos.
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual(["test/untested-change"]);
  });

  it("is documented in README.md exactly as generated", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("<!-- BEGIN analyzer -->"), readme.indexOf("<!-- END analyzer -->"));
    const start = section.indexOf(CATALOGUE_START);
    const end = section.indexOf(CATALOGUE_END);
    expect(start, "catalogue markers inside the analyzer section").toBeGreaterThan(-1);
    expect(section.slice(start + CATALOGUE_START.length, end).trim()).toBe(renderCatalogue(RULES));
  });
});
