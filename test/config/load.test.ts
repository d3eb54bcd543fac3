import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/config/export-schema.js";
import { loadRepoConfig, parseConfig } from "../../src/config/load.js";
import { defaultConfig } from "../../src/config/schema.js";
import { GitHubMock } from "../helpers/github-mock.js";
import { Octokit } from "@octokit/rest";

describe("parseConfig", () => {
  it("gives the defaults for a missing or empty file", () => {
    expect(parseConfig(undefined)).toEqual({ ok: true, config: defaultConfig(), source: "default" });
    expect(parseConfig("")).toMatchObject({ ok: true, source: "file", config: defaultConfig() });
    expect(defaultConfig().toolchain.steps.test.coverageThreshold).toBe(90);
  });

  it("applies nested settings and keeps the other defaults", () => {
    const result = parseConfig("gate:\n  compileWarnings: true\ntoolchain:\n  steps:\n    test:\n      coverageThreshold: 75\n");
    expect(result.ok && result.config.gate).toMatchObject({ compileWarnings: true, failingTests: true });
    expect(result.ok && result.config.toolchain.steps.test).toMatchObject({ coverageThreshold: 75, coverage: true });
  });

  it("names the field and the problem for invalid settings", () => {
    const result = parseConfig("gate:\n  credo: sometimes\nreview:\n  maxComments: 500\n  colour: blue\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain("gate.credo");
    expect(result.error).toContain("review.maxComments");
    expect(result.error).toMatch(/Unrecognized key.*colour/);
  });

  it("reports YAML syntax errors and non-mapping documents", () => {
    expect(parseConfig("gate: [unclosed\n")).toMatchObject({ ok: false, error: expect.stringContaining("not valid YAML") });
    expect(parseConfig("- a\n- b\n")).toMatchObject({ ok: false, error: expect.stringContaining("got a list") });
    expect(parseConfig("a: 1\na: 2\n")).toMatchObject({ ok: false });
  });

  it("rejects test arguments that are not plain flags (no shell or config injection)", () => {
    expect(parseConfig("toolchain:\n  steps:\n    test:\n      args: ['--exclude', 'integration']\n").ok).toBe(true);
    expect(parseConfig("toolchain:\n  steps:\n    test:\n      args: ['$(curl evil)']\n").ok).toBe(false);
  });
});

describe("loadRepoConfig", () => {
  it("reads the file from the DEFAULT branch", async () => {
    new GitHubMock("acme", "shop").config("review:\n  maxComments: 3\n", 1, "main");
    const octokit = new Octokit();
    const result = await loadRepoConfig(octokit, { owner: "acme", name: "shop", defaultBranch: "main" });
    expect(result).toMatchObject({ ok: true, source: "file", config: { review: { maxComments: 3 } } });
  });

  it("falls back to defaults only when the file does not exist", async () => {
    new GitHubMock("acme", "shop").config(undefined, 1, "main");
    const octokit = new Octokit();
    expect(await loadRepoConfig(octokit, { owner: "acme", name: "shop", defaultBranch: "main" })).toMatchObject({ ok: true, source: "default" });
  });
});

describe("config.schema.json", () => {
  it("is up to date with the zod schema (run `npm run schema`)", () => {
    const committed = JSON.parse(readFileSync(new URL("../../config.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(configJsonSchema());
  });

  it("describes every field", () => {
    const missing: string[] = [];
    const walk = (node: any, path: string) => {
      if (!node || typeof node !== "object") return;
      for (const [key, child] of Object.entries<any>(node.properties ?? {})) {
        const described = child.description ?? child.anyOf?.find((x: any) => x.description)?.description;
        if (!described) missing.push(`${path}${key}`);
        walk(child, `${path}${key}.`);
        walk(child.additionalProperties, `${path}${key}.*.`);
        walk(child.items, `${path}${key}[].`);
      }
    };
    walk(configJsonSchema(), "");
    expect(missing).toEqual([]);
  });
});

describe("README configuration reference", () => {
  it("matches the schema (run `npm run schema`)", async () => {
    const { configReference } = await import("../../src/config/docs.js");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`<!-- BEGIN config-reference -->\n${configReference()}\n<!-- END config-reference -->`);
  });
});
