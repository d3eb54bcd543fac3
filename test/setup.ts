import nock from "nock";
import { afterEach, beforeAll } from "vitest";

// HTTP to GitHub and Anthropic is the only thing mocked; nothing may reach the network.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  nock.cleanAll();
});
