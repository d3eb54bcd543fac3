import nock from "nock";
import { afterEach, beforeAll, expect } from "vitest";

// HTTP to GitHub and Anthropic is the only thing mocked; nothing may reach the network, every
// mock must be used, and no request may go unmatched.
const unmatched: string[] = [];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  nock.emitter.on("no match", (req: { method?: string; href?: string; path?: string; options?: { href?: string } }) => {
    const url = req.href ?? req.options?.href ?? req.path ?? "?";
    if (/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) return;
    unmatched.push(`${req.method ?? "?"} ${url}`);
  });
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const stray = unmatched.splice(0);
  nock.cleanAll();
  expect(stray, "unexpected HTTP requests").toEqual([]);
  expect(pending, "HTTP mocks never called").toEqual([]);
});
