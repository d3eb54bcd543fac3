import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load.js";
import { defaultConfig } from "../../src/config/schema.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const section = readme.slice(readme.indexOf("<!-- BEGIN publishing -->"), readme.indexOf("<!-- END publishing -->"));

describe("the README's publishing section", () => {
  it("has only configuration examples that the schema accepts", () => {
    const examples = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const yaml of examples) expect(parseConfig(yaml)).toMatchObject({ ok: true, source: "file" });
  });

  it("documents every gate option with its real default", () => {
    const defaults = defaultConfig().gate as Record<string, unknown>;
    for (const [option, value] of Object.entries(defaults)) {
      expect(section).toContain(`| \`${option}\` | \`${String(value)}\` |`);
    }
  });
});
