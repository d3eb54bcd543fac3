import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/schema.js";
import { analyze } from "../../src/analyzer/index.js";
import { expectedFindings } from "./expectations.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/analyzer/rules");

/**
 * Each fixture is a small repository written like real application code. Every finding any rule
 * reports must be announced by an `expect:` marker on its line, and every marker must be met:
 * positives and negatives (and cross-rule false positives) in one comparison.
 */
describe.each(readdirSync(FIXTURES).sort())("rule fixture %s", (name) => {
  it("reports exactly the expected findings", async () => {
    const root = join(FIXTURES, name);
    const report = await analyze({ root, config: { ...defaultConfig().analyzer, scope: "all" } });
    const actual = report.findings.map((f) => `${f.path}:${f.line} ${f.rule}`).sort();
    expect(actual).toEqual(expectedFindings(root));
    expect(report.skipped).toEqual([]);
  });
});
