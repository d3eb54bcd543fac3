import { factsOf } from "../engine/facts.js";
import type { Rule } from "../rule.js";

export const untestedChange: Rule = {
  id: "test/untested-change",
  checklistItem: "test-coverage",
  severity: "minor",
  title: "Changed `lib/` module without a test change",
  granularity: "file",
  languages: ["elixir"],
  files: "app",
  structural: true,
  why:
    "Code added to a module without a test that exercises it is unverified: coverage drops, the behaviour it introduces is not pinned down, and the next refactoring can break it silently.",
  fix: "Add or extend the module's test (by convention `test/<path>_test.exs` mirroring `lib/<path>.ex`) to cover the new behaviour, including its error cases.",
  example: "lib/my_app/billing.ex changed; test/my_app/billing_test.exs did not",
  async check({ file, diff, readFile, report }) {
    if (!diff || !file.facts.lib) return;
    const change = diff.find((d) => d.path === file.path);
    const firstAdded = change?.addedLines[0];
    if (!change || firstAdded === undefined || file.modules.length === 0) return;
    const expected = expectedTestPath(file.path);
    const tests = diff.filter((d) => d.status !== "deleted" && d.addedLines.length + d.deletions > 0 && factsOf(d.path)?.test === true);
    if (tests.some((t) => t.path === expected)) return;
    const names = file.modules.map((m) => m.name);
    for (const test of tests) {
      const text = await readFile(test.path);
      if (text && names.some((n) => text.includes(n) || text.includes(n.slice(n.lastIndexOf(".") + 1)))) return;
    }
    report({
      line: firstAdded,
      message: `\`${file.path}\` (\`${names[0]}\`) changed, but no test in this change covers it${expected ? ` (expected \`${expected}\`)` : ""}.`,
    });
  },
};

/** `lib/my_app/billing.ex` → `test/my_app/billing_test.exs` (also inside umbrella apps). */
function expectedTestPath(path: string): string | undefined {
  const match = /^(.*?)lib\/(.+)\.ex$/.exec(path);
  return match ? `${match[1]}test/${match[2]}_test.exs` : undefined;
}
