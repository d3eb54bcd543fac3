import { describe, expect, it } from "vitest";
import { versionWarning } from "../../../src/toolchain/versions/check.js";
import { parseProbe } from "../../../src/toolchain/versions/probe.js";
import { satisfies } from "../../../src/toolchain/versions/requirement.js";
import type { ProjectShape } from "../../../src/workspace/types.js";

const project = (extra: Partial<ProjectShape>): ProjectShape => ({
  mix: true,
  umbrella: false,
  apps: [],
  deps: { phoenix: false, phoenixLiveView: false, absinthe: false, ecto: false, ectoSql: false, postgrex: false, credo: false, dialyxir: false, excoveralls: false },
  ...extra,
});

describe("Elixir version requirements", () => {
  it("implements ~>, comparisons, and/or like Version.match?/2", () => {
    expect(satisfies("1.14.0", "~> 1.14")).toBe(true);
    expect(satisfies("1.18.4", "~> 1.14")).toBe(true);
    expect(satisfies("2.0.0", "~> 1.14")).toBe(false);
    expect(satisfies("1.14.5", "~> 1.14.2")).toBe(true);
    expect(satisfies("1.15.0", "~> 1.14.2")).toBe(false);
    expect(satisfies("1.14.0", "~> 1.15")).toBe(false);
    expect(satisfies("1.14.0", ">= 1.13.0 and < 1.15.0")).toBe(true);
    expect(satisfies("1.16.0", "== 1.15.7 or ~> 1.16")).toBe(true);
    expect(satisfies("1.14.0", "!= 1.14.0")).toBe(false);
    expect(satisfies("1.14.0", "whatever")).toBeUndefined();
  });
});

describe("versionWarning", () => {
  const sandbox = { elixir: "1.14.0", otp: "25.2.3" };

  it("is silent when the project and the sandbox agree", () => {
    expect(versionWarning(project({ elixirRequirement: "~> 1.14", toolVersions: { elixir: "1.14.0-otp-25", erlang: "25.2" } }), sandbox)).toBeUndefined();
    expect(versionWarning(project({}), sandbox)).toBeUndefined();
  });

  it("explains an unmet mix.exs requirement and .tool-versions pins that differ", () => {
    expect(versionWarning(project({ elixirRequirement: "~> 1.15" }), sandbox)).toBe(
      "mix.exs requires Elixir ~> 1.15 but the sandbox runs Elixir 1.14.0: Mix refuses to build the project.",
    );
    expect(versionWarning(project({ toolVersions: { elixir: "1.17.3-otp-27", erlang: "27.1" } }), sandbox)).toBe(
      ".tool-versions pins Elixir 1.17.3 and Erlang/OTP 27.1; the sandbox runs Elixir 1.14.0 on OTP 25.2.3. Formatting, compiler warnings and dialyzer results can differ from the project's own CI.",
    );
  });
});

describe("parseProbe", () => {
  it("reads the probe line among other output, and rejects garbage", () => {
    const line = 'ELIXIR_AGENT_PROBE {"arch":"x86_64-pc-linux-gnu","elixir":"1.14.0","elixir_lib":"/usr/lib/elixir/lib/elixir","os":"unix-linux","otp":"25.2.3","otp_release":"25"}';
    expect(parseProbe(`warning: something\n${line}\n`)).toEqual({
      elixir: "1.14.0",
      otp: "25.2.3",
      otpRelease: "25",
      arch: "x86_64-pc-linux-gnu",
      os: "unix-linux",
      elixirLib: "/usr/lib/elixir/lib/elixir",
    });
    expect(parseProbe("ELIXIR_AGENT_PROBE {nope")).toBeUndefined();
    expect(parseProbe("Erlang/OTP 25")).toBeUndefined();
  });
});
