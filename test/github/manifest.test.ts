import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "../../src/app.js";
import { testSettings } from "../helpers/pr-fixture.js";
import { testProbot, TEST_APP_ID } from "../helpers/probot.js";

const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as {
  default_events: string[];
  default_permissions: Record<string, string>;
};

it("app.yml subscribes to exactly the events the app handles, with least-privilege permissions", async () => {
  const probot = testProbot();
  const handled = new Set<string>();
  const on = probot.on.bind(probot);
  probot.on = ((events: string | string[], handler: never) => {
    for (const e of [events].flat()) handled.add(e.split(".")[0]!);
    return on(events as never, handler);
  }) as typeof probot.on;
  await probot.load(createApp({ settings: testSettings(), appId: TEST_APP_ID, secrets: [] }).appFn);

  expect([...manifest.default_events].sort()).toEqual([...handled].sort());
  expect(manifest.default_permissions).toEqual({ checks: "write", pull_requests: "write", contents: "read", issues: "write", metadata: "read" });
});
