import { describe, expect, it } from "vitest";
import { usesHex } from "../../../src/toolchain/deps/step.js";
import { classifyMixError, exceptionLine, lastWords, mixErrorLine, mixFailureReason } from "../../../src/toolchain/text/mix-errors.js";
import { sample } from "../helpers/samples.js";

describe("classifyMixError", () => {
  it("recognises every recorded way dependencies fail to resolve", () => {
    expect(classifyMixError(sample("deps", "1.14_deps_get_no_hex_archive.txt").text)).toEqual({
      kind: "hex-missing",
      reason: "Hex is not installed in the sandbox, so dependency :credo cannot be resolved",
    });
    expect(classifyMixError(sample("deps", "1.14_deps_get_nohex.txt").text)?.kind).toBe("network");
    expect(classifyMixError(sample("deps", "1.14_deps_get_hex_offline.txt").text)).toEqual({
      kind: "network",
      reason: "Hex is offline and package credo is not in its cache",
    });
    expect(classifyMixError(sample("deps", "1.14_deps_get_git_offline.txt").text)).toEqual({
      kind: "network",
      reason: "a git dependency could not be fetched (https://github.com/example/foo.git/)",
    });
    expect(classifyMixError(sample("deps", "1.14_compile_deps_missing.txt").text)).toEqual({
      kind: "deps-unavailable",
      reason: "dependencies are not available: jason, dialyxir, credo",
    });
  });

  it("tells a missing task, an unmet Elixir requirement and other Mix errors apart", () => {
    expect(classifyMixError('** (Mix) The task "credo" could not be found')).toEqual({ kind: "task-missing", reason: 'the mix task "credo" is not available' });
    expect(
      classifyMixError("** (Mix) You're trying to run :future on Elixir v1.14.0 but it has declared in its mix.exs file it supports only Elixir ~> 1.99"),
    ).toEqual({ kind: "elixir-requirement", reason: "the project requires Elixir ~> 1.99 but the sandbox runs 1.14.0" });
    expect(classifyMixError(sample("deps", "1.14_deps_unlock_check_unused.txt").text)).toEqual({ kind: "mix-error", reason: "Unused dependencies in mix.lock file:" });
    expect(classifyMixError(sample("format", "1.14_format_unavailable_import_deps.txt").text)?.kind).toBe("mix-error");
    expect(classifyMixError("all good")).toBeUndefined();
  });

  it("a mix.exs that does not load is named as such (Elixir 1.14 output), not as unavailable dependencies", () => {
    const trace = "    (mix 1.14.0) lib/mix/project.ex:838: Mix.Project.get_project_config/1\n    (mix 1.14.0) lib/mix/project.ex:141: Mix.Project.push/3\n";
    expect(classifyMixError(`** (UndefinedFunctionError) function Demo.MixProject.project/0 is undefined (function not available)\n    Demo.MixProject.project()\n${trace}`)).toEqual({
      kind: "mix-exs",
      reason: "mix.exs could not be loaded: ** (UndefinedFunctionError) function Demo.MixProject.project/0 is undefined (function not available)",
    });
    expect(classifyMixError(`** (RuntimeError) boom\n    mix.exs:3: Demo.MixProject.project/0\n${trace}`)?.reason).toBe("mix.exs could not be loaded: ** (RuntimeError) boom");
    expect(classifyMixError('** (SyntaxError) mix.exs:3:58: unexpected token: }\n    (mix 1.14.0) lib/mix/cli.ex:42: Mix.CLI.load_mix_exs/0\n')?.kind).toBe("mix-exs");
    expect(classifyMixError("** (CompileError) mix.exs:3: undefined function foo/0\n")?.reason).toBe("mix.exs could not be loaded: ** (CompileError) mix.exs:3: undefined function foo/0");
    // An exception from the project's own code (a test, a task) is not a mix.exs problem.
    expect(classifyMixError("** (RuntimeError) boom\n    lib/demo.ex:3: Demo.run/0\n    (mix 1.14.0) lib/mix/task.ex:421: Mix.Task.run_task/4\n")).toBeUndefined();
    expect(exceptionLine("noise\n** (RuntimeError) boom\n    lib/demo.ex:3: Demo.run/0\n")).toBe("** (RuntimeError) boom");
  });

  it("a dependency's mix.exs that does not load is a dependency problem; an umbrella child's is the project's (Elixir 1.14 output)", () => {
    const loading = (at: string, app: string) =>
      `Error while loading project :${app} at ${at}\n** (RuntimeError) broken\n    ${at}/mix.exs:5: X.MixProject.project/0\n` +
      "    (mix 1.14.0) lib/mix/project.ex:838: Mix.Project.get_project_config/1\n    (mix 1.14.0) lib/mix/project.ex:141: Mix.Project.push/3\n";
    expect(classifyMixError(loading("/work/repo/deps/dep1", "dep1"))).toEqual({ kind: "deps-unavailable", reason: "dependency :dep1 could not be loaded: ** (RuntimeError) broken" });
    expect(classifyMixError(loading("/work/repo/apps/child", "child"))).toEqual({ kind: "mix-exs", reason: "the mix.exs of :child could not be loaded: ** (RuntimeError) broken" });
  });

  it("a step's not-run reason names dependency problems as such; an unexplained failure by its exception", () => {
    expect(mixFailureReason(sample("deps", "1.14_compile_deps_missing.txt").text)).toBe("dependencies unavailable: dependencies are not available: jason, dialyxir, credo");
    expect(mixFailureReason('** (Mix) The task "credo" could not be found')).toBe('the mix task "credo" is not available');
    expect(mixFailureReason("all good")).toBeUndefined();
    const crash = "** (exit) exited in: GenServer.call(:nope, :x, 5000)\n    (elixir 1.14.0) lib/gen_server.ex:1027: GenServer.call/3\n    (elixir 1.14.0) lib/code.ex:1245: Code.require_file/2\n";
    expect(lastWords(crash)).toBe("** (exit) exited in: GenServer.call(:nope, :x, 5000)");
    expect(lastWords("a\nb\nc\n", 2)).toBe("b\nc");
  });

  it("takes the last `** (Mix)` line, ANSI-free", () => {
    expect(mixErrorLine("\x1b[31m** (Mix) first\x1b[0m\nnoise\n** (Mix) second\n")).toBe("second");
  });
});

describe("usesHex", () => {
  it("spots Hex dependencies in mix.exs or mix.lock, not path/umbrella/git ones", () => {
    expect(usesHex(['defp deps, do: [{:jason, "~> 1.4"}]'], undefined)).toBe(true);
    expect(usesHex(["[{:app_a, in_umbrella: true}, {:x, path: \"../x\"}, {:y, git: \"https://e/y.git\"}]"], undefined)).toBe(false);
    expect(usesHex([], '%{\n  "jason": {:hex, :jason, "1.4.1", "..."},\n}')).toBe(true);
  });
});
