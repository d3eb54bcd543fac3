import { afterEach, describe, expect, it } from "vitest";
import type { AnalyzerReport } from "../../../src/analyzer/types.js";
import { fakeGitHub, PullScenario, startApp } from "./scenario.js";

const TOKEN = `ghs_${"A1b2C3d4".repeat(6)}`;
const CONFIGURED = "configured-webhook-secret-42";

describe("nothing secret reaches GitHub", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((f) => f()));

  it("tokens and configured secrets in titles, messages, evidence and suggestions are redacted in every request", async () => {
    const pr = new PullScenario({ "config/runtime.exs": "import Config\n" });
    cleanups.push(() => pr.cleanup());
    const head = pr.push({ "config/runtime.exs": `import Config\nconfig :demo, token: "${TOKEN}"\n` });
    const github = fakeGitHub().diffOf(pr.remote.dir, pr.base, head);
    github.forbidden = [TOKEN, CONFIGURED];
    const analyzer = async (): Promise<AnalyzerReport> => ({
      ran: true,
      findings: [
        {
          source: "analyzer",
          rule: "security/committed-secret",
          checklistItem: "security-secrets",
          severity: "blocker",
          path: "config/runtime.exs",
          line: 2,
          title: `Token ${TOKEN} committed`,
          message: `The value \`${TOKEN}\` and ${CONFIGURED} must come from the environment.`,
          suggestion: `config :demo, token: "${TOKEN}" # ${CONFIGURED}`,
          evidence: `config/runtime.exs:2: ${TOKEN}`,
        },
      ],
      filesAnalyzed: 1,
      linesAnalyzed: 2,
      skipped: [],
      durationMs: 1,
    });
    const app = await startApp({ stages: { analyzer }, secrets: [CONFIGURED] });
    await app.receive(pr.payload("opened", head));

    expect(github.violations).toEqual([]);
    const everything = JSON.stringify(github.calls.map((c) => c.body));
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(CONFIGURED);
    const [comment] = github.reviewPosts()[0]!.body.comments;
    expect(comment.body).toContain("The value `[REDACTED:github-token]`");
    expect(comment.body).not.toContain("suggestion");
    expect(github.calls.some((c) => c.body?.output?.annotations?.[0]?.title.includes("[REDACTED:github-token]"))).toBe(true);
  });

  it("an error message carrying a secret is redacted in the check run", async () => {
    const pr = new PullScenario({ "lib/a.ex": "defmodule A do\nend\n" });
    cleanups.push(() => pr.cleanup());
    const head = pr.push({ "lib/a.ex": "defmodule A do\n  def a, do: 1\nend\n" });
    const github = fakeGitHub(false);
    github.forbidden = [TOKEN, CONFIGURED];
    const agent = async () => {
      throw new Error(`request failed with Authorization: token ${TOKEN} (${CONFIGURED})`);
    };
    const app = await startApp({ stages: { agent }, secrets: [CONFIGURED] });
    await app.receive(pr.payload("opened", head));

    expect(github.violations).toEqual([]);
    expect(github.completions()[0].output.summary).toContain("Authorization: token [REDACTED:github-token] ([REDACTED");
  });
});
