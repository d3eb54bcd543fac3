import { describe, expect, it } from "vitest";
import { loadChecklist, parseChecklist, renderChecklist } from "../../src/agent/checklist.js";
import { answerSchema, submitTool } from "../../src/agent/schema.js";
import { llmAnswer } from "../fixtures/llm/index.js";

/** The ids other code (config, analyzer rules) refers to: they must never disappear. */
const STABLE_IDS = [
  "otp-supervision", "otp-behaviours", "pattern-matching", "error-handling", "compiles-clean", "formatted",
  "tests-pass", "test-coverage", "typespecs", "credo", "phoenix-contexts", "liveview-lifecycle",
  "absinthe-dataloader", "ecto-changesets", "ecto-queries", "ecto-migrations", "security-sql-injection",
  "security-xss", "security-csrf", "security-atom-exhaustion", "security-code-execution", "security-secrets",
  "realtime-concurrency", "performance", "documentation",
];

async function schema() {
  const items = await loadChecklist();
  return answerSchema(items.map((i) => i.id) as [string, ...string[]]);
}

/** Walks a JSON schema and returns the paths of properties without a description. */
function undescribed(node: Record<string, unknown>, path = "$"): string[] {
  const out: string[] = [];
  if (typeof node.description !== "string" || !node.description.trim()) out.push(path);
  const properties = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [key, child] of Object.entries(properties)) out.push(...undescribed(child, `${path}.${key}`));
  if (node.items && typeof node.items === "object") out.push(...undescribed(node.items as Record<string, unknown>, `${path}[]`));
  return out;
}

describe("checklist", () => {
  it("loads agent/checklist.yaml with every stable id", async () => {
    const ids = (await loadChecklist()).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(STABLE_IDS));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("rejects a malformed checklist with a clear error", () => {
    expect(() => parseChecklist("items:\n  - id: Bad Id\n    area: x\n")).toThrow(/agent\/checklist.yaml is invalid/);
    const dup = "items:\n" + "  - {id: a, area: A, title: T, lookFor: L, evidence: [], severity: minor}\n".repeat(2);
    expect(() => parseChecklist(dup)).toThrow(/duplicate item id "a"/);
  });

  it("renders every item for the model", async () => {
    const items = await loadChecklist();
    const text = renderChecklist(items);
    for (const item of items) expect(text).toContain(`## ${item.id} — ${item.title}`);
  });
});

describe("answer schema and tool", () => {
  it("has a description on every field of the generated JSON schema", async () => {
    const tool = submitTool(await schema());
    expect(tool.name).toBe("submit_review");
    expect(tool.input_schema.type).toBe("object");
    expect(tool.input_schema).not.toHaveProperty("$schema");
    expect(undescribed(tool.input_schema as Record<string, unknown>)).toEqual([]);
  });

  it("offers the checklist ids as an enum and is identical on every build (cache-stable)", async () => {
    const a = JSON.stringify(submitTool(await schema()));
    const b = JSON.stringify(submitTool(await schema()));
    expect(a).toBe(b);
    expect(a).toContain('"enum":["otp-supervision"');
  });

  it("accepts the valid fixture and rejects the invalid one", async () => {
    const s = await schema();
    expect(s.safeParse(llmAnswer("valid-review")).success).toBe(true);
    const bad = s.safeParse(llmAnswer("invalid-review"));
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["checklist.0.status", "checklist.1.item", "comments.0.line", "summary", "hypotheses"]));
  });
});
