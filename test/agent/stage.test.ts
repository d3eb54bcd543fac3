import { afterEach, describe, expect, it } from "vitest";
import { agentStage } from "../../src/agent/stage.js";
import { defaultConfig } from "../../src/config/schema.js";
import { silentLogger } from "../../src/logger.js";
import type { JobRequest } from "../../src/pipeline/types.js";
import { loadSettings } from "../../src/settings.js";
import type { Workspace } from "../../src/workspace/types.js";
import { llmAnswer } from "../fixtures/llm/index.js";
import { API_KEY, makeChange, mockMessages, passingToolchain, toolMessage, userText } from "./helpers.js";
import { SHOP_BASE, SHOP_HEAD } from "./shop.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe("agentStage", () => {
  it("maps the job onto runAgent: PR text, review.ignorePaths, review.maxComments, operator settings", async () => {
    const c = makeChange(SHOP_BASE, SHOP_HEAD);
    cleanup = c.cleanup;
    const workspace = { root: "/unused", headSha: "h", baseSha: "b", mergeBase: "b", diff: c.diff, readFile: c.readFile } as unknown as Workspace;
    const request = {
      id: "job-1",
      trigger: "pull_request",
      repo: { owner: "o", name: "shop", cloneUrl: "https://github.com/o/shop.git", defaultBranch: "main" },
      pr: { number: 7, headSha: "h", title: "Add a worker", body: "Body text" },
      mode: "full",
    } satisfies JobRequest;
    const config = defaultConfig();
    config.review.ignorePaths = ["lib/shop/cart.ex"];
    config.review.maxComments = 1;
    const mock = mockMessages([() => [200, toolMessage(llmAnswer("valid-review"))]]);
    const report = await agentStage({
      request,
      workspace,
      config,
      settings: loadSettings({ ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: "https://api.anthropic.com" }),
      toolchain: passingToolchain,
      analyzerFindings: [],
      secrets: [API_KEY],
      signal: new AbortController().signal,
      log: silentLogger(),
    });
    expect(mock.done()).toEqual({ pending: [], unexpected: [] });
    const text = userText(mock.captured.bodies[0]!);
    expect(text).toContain('kind="pr-body">\nBody text\n');
    expect(text).not.toContain("### lib/shop/cart.ex");
    expect(mock.captured.bodies[0]!.model).toBe("claude-sonnet-5-5");
    expect(report.notSeen).toEqual(expect.arrayContaining([{ path: "lib/shop/cart.ex", reason: "ignored by review.ignorePaths" }]));
    expect(report.findings.map((f) => `${f.path}:${f.line}`)).toEqual(["lib/shop/worker.ex:7"]);
    expect(report.summary).toContain("Notes on lines outside the diff:\n- `lib/shop/cart.ex:24`");
    expect(report.summary).toContain("Further notes (over the inline comment limit):\n- `lib/shop/worker.ex:11`");
  });
});
