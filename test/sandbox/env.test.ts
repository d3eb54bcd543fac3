import { describe, expect, it } from "vitest";
import { assertNoSecrets, hostSecrets, isAllowedEnvName, sandboxEnv } from "../../src/sandbox/env.js";

describe("sandboxEnv", () => {
  it("builds the environment from nothing: no variable of the app's own passes through", () => {
    const env = sandboxEnv({ home: "/job/sandbox/home" });
    expect(env).toEqual({
      PATH: "/usr/local/bin:/usr/bin:/bin",
      HOME: "/job/sandbox/home",
      TMPDIR: "/tmp",
      LANG: "C.UTF-8",
      LC_ALL: "C.UTF-8",
      TERM: "dumb",
      MIX_HOME: "/job/sandbox/home/.mix",
      HEX_HOME: "/job/sandbox/home/.hex",
    });
  });

  it("adds MIX_ENV and allowlisted extras", () => {
    const env = sandboxEnv({ home: "/h", mixEnv: "test", extra: { HEX_OFFLINE: "1", DATABASE_URL: "postgresql://x", PGHOST: "/s", ELIXIR_AGENT_OUT: "/o" } });
    expect(env).toMatchObject({ MIX_ENV: "test", HEX_OFFLINE: "1", DATABASE_URL: "postgresql://x", PGHOST: "/s", ELIXIR_AGENT_OUT: "/o" });
  });

  it("refuses names that are not on the allowlist instead of passing them", () => {
    for (const name of ["GITHUB_TOKEN", "ANTHROPIC_API_KEY", "AWS_SECRET_ACCESS_KEY", "LD_PRELOAD", "NODE_OPTIONS", "mix_env"]) {
      expect(() => sandboxEnv({ home: "/h", extra: { [name]: "x" } })).toThrow(/allowlist/);
      expect(isAllowedEnvName(name)).toBe(false);
    }
  });
});

describe("secrets", () => {
  it("collects configured secrets and anything named like one from the app's environment", () => {
    const secrets = hostSecrets({ GITHUB_TOKEN: "ghs_abcdefghijklmnop", MY_DB_PASSWORD: "hunter2hunter2", SHORT_TOKEN: "abc", PATH: "/usr/bin:/bin:/sbin" });
    expect(secrets.sort()).toEqual(["ghs_abcdefghijklmnop", "hunter2hunter2"]);
  });

  it("refuses to send a secret in a value or an argument", () => {
    expect(() => assertNoSecrets(["postgresql://u:hunter2hunter2@h/db"], ["hunter2hunter2"])).toThrow(/secret/);
    expect(() => assertNoSecrets(["mix", "test"], ["hunter2hunter2"])).not.toThrow();
  });
});
