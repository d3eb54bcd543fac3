import nock from "nock";
import { AgentSchema } from "../../src/config/schema.js";
import type { Config } from "../../src/config/schema.js";
import { CircuitBreaker } from "../../src/agent/client/breaker.js";
import { ClaudeClient } from "../../src/agent/client/claude-client.js";
import type { ClaudeClientOptions } from "../../src/agent/client/claude-client.js";
import type { AgentInput } from "../../src/agent/types.js";
import { silentLogger } from "../../src/logger.js";
import type { ToolchainReport } from "../../src/toolchain/types.js";
import { readRepoFile } from "../../src/workspace/files.js";
import { parseUnifiedDiff } from "../../src/workspace/diff.js";
import type { DiffFile } from "../../src/workspace/types.js";
import { TestRepo } from "../helpers/git-repo.js";

export const API = "https://api.anthropic.com";
export const API_KEY = "sk-ant-api03-test-key-0123456789abcdefABCDEF";

/** A real change: a git repo with a base and a head commit, diffed and parsed like the workspace does. */
export function makeChange(base: Record<string, string>, head: Record<string, string>, remove: string[] = []) {
  const repo = new TestRepo();
  repo.write(base).commit("base");
  const baseSha = repo.head();
  repo.write(head).remove(...remove).commit("head");
  const diff: DiffFile[] = parseUnifiedDiff(repo.git("diff", "-M", baseSha, "HEAD"));
  return {
    diff,
    readFile: (path: string) => readRepoFile(repo.dir, path),
    cleanup: () => repo.cleanup(),
  };
}

export function agentConfig(overrides: Partial<Config["agent"]> = {}): Config["agent"] {
  return AgentSchema.parse(overrides);
}

/** A client with real retries and breaker but instant, recorded backoff. */
export function testClient(options: Partial<ClaudeClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = new ClaudeClient({
    apiKey: API_KEY,
    breaker: new CircuitBreaker(5, 60_000),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { client, sleeps };
}

export const passingToolchain: ToolchainReport = { ran: true, sandbox: "bubblewrap", steps: [] };

export function failingTestsToolchain(message: string): ToolchainReport {
  return {
    ran: true,
    sandbox: "bubblewrap",
    steps: [
      {
        id: "test",
        status: "failed",
        durationMs: 1200,
        command: "mix test --cover",
        findings: [],
        tests: {
          total: 3,
          passed: 2,
          failed: 1,
          skipped: 0,
          excluded: 0,
          invalid: 0,
          completed: true,
          failures: [
            { module: "Shop.CartTest", name: "test totals", file: "test/shop/cart_test.exs", line: 7, status: "failed", failure: message },
          ],
        },
        coverage: { total: 71.5, threshold: 90, modules: [{ module: "Shop.Cart", path: "lib/shop/cart.ex", percent: 60 }] },
      },
    ],
  };
}

export function agentInput(change: ReturnType<typeof makeChange>, overrides: Partial<AgentInput> = {}): AgentInput {
  return {
    pr: { title: "Add a worker", body: "Adds a worker process." },
    diff: change.diff,
    readFile: change.readFile,
    toolchain: passingToolchain,
    analyzerFindings: [],
    config: agentConfig(),
    settings: { anthropicApiKey: API_KEY, model: "claude-sonnet-5-5" },
    secrets: [API_KEY],
    log: silentLogger(),
    ...overrides,
  };
}

/** A Messages API response carrying one `submit_review` call. */
export function toolMessage(input: unknown, usage: Partial<Record<string, number>> = {}, stop = "tool_use") {
  return {
    id: "msg_test",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-5-5",
    content: [
      { type: "thinking", thinking: "", signature: "sig-abc" },
      { type: "tool_use", id: "toolu_1", name: "submit_review", input },
    ],
    stop_reason: stop,
    stop_sequence: null,
    usage: { input_tokens: 1000, output_tokens: 200, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...usage },
  };
}

export function textMessage(text: string) {
  return {
    id: "msg_text",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-5-5",
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 900, output_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

export interface Captured {
  bodies: Record<string, unknown>[];
  headers: Record<string, string | string[]>[];
}

/**
 * Intercepts POST /v1/messages: each call takes the next reply. Records request bodies and
 * headers, and every request nock could not match.
 */
export function mockMessages(
  replies: ((body: Record<string, unknown>) => [number, unknown, Record<string, string>?])[],
  options: { delayMs?: number } = {},
) {
  const captured: Captured = { bodies: [], headers: [] };
  const unexpected: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string }) => unexpected.push(`${req.method} ${req.path}`);
  nock.emitter.on("no match", onNoMatch);
  const scope = nock(API);
  for (const reply of replies) {
    const interceptor = scope.post("/v1/messages");
    if (options.delayMs) interceptor.delay(options.delayMs);
    interceptor.reply(function (_uri, body) {
      const parsed = body as Record<string, unknown>;
      captured.bodies.push(parsed);
      captured.headers.push(this.req.headers);
      const [status, response, headers] = reply(parsed);
      return [status, response as nock.Body, headers ?? {}];
    });
  }
  return {
    captured,
    /** Every reply was used and nothing else was requested. */
    done() {
      nock.emitter.removeListener("no match", onNoMatch);
      return { pending: scope.pendingMocks(), unexpected };
    },
  };
}

/** The user message text of a captured request. */
export function userText(body: Record<string, unknown>): string {
  const messages = body.messages as { role: string; content: { type: string; text?: string }[] }[];
  return messages[0]!.content.map((c) => c.text ?? "").join("\n");
}
