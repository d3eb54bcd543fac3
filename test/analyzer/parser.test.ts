import { describe, expect, it } from "vitest";
import { args, callName, effectiveArgs, keywordValue } from "../../src/analyzer/syntax/calls.js";
import { modules, specsOf } from "../../src/analyzer/syntax/modules.js";
import { elixirParser, parseElixir } from "../../src/analyzer/syntax/parser.js";
import { isInPattern } from "../../src/analyzer/syntax/patterns.js";

describe("parseElixir", () => {
  it("keeps named nodes and operators with 1-based positions, drops punctuation and comments", async () => {
    const parsed = await parseElixir('# note\nx = Repo.all(q) |> length()\n');
    expect(parsed.errors).toEqual([]);
    const calls = parsed.byType.get("call") ?? [];
    expect(calls.map(callName)).toEqual(["Repo.all", "length"]);
    expect(calls[0]).toMatchObject({ line: 2, column: 5, endLine: 2 });
    expect(effectiveArgs(calls[1]!).map((a) => a.text)).toEqual(["Repo.all(q)"]);
    expect(parsed.byType.has("comment")).toBe(false);
  });

  it("reports ERROR and MISSING regions", async () => {
    const parsed = await parseElixir("def a do\n  x = )\nend\n");
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.errors[0]!.line).toBe(2);
  });

  it("reuses one parser across many parses", async () => {
    const [first, second] = await Promise.all([elixirParser(), elixirParser()]);
    expect(first).toBe(second);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => parseElixir(`def f${i}(x), do: x + ${i}`)));
    expect(results.every((r) => r.errors.length === 0)).toBe(true);
    expect(await elixirParser()).toBe(first);
  });
});

describe("module structure", () => {
  const source = `defmodule Outer do
  use GenServer
  @behaviour Plug

  @spec f(integer) :: integer
  @impl true
  def f(x) when x > 0, do: x
  def f(x), do: -x

  defp g(a \\\\ 1, b), do: {a, b}

  defmodule Inner do
    def h, do: GenServer.start_link(__MODULE__, [], name: __MODULE__)
  end
end
`;

  it("groups clauses, attributes, uses and nested modules", async () => {
    const parsed = await parseElixir(source);
    const [outer, inner] = modules(parsed.root, parsed.byType);
    expect(outer!.name).toBe("Outer");
    expect(outer!.uses.map((u) => u.module)).toEqual(["GenServer"]);
    expect(outer!.behaviours).toEqual(["Plug"]);
    expect(outer!.functions.map((f) => `${f.kind} ${f.name}/${f.arity} x${f.clauses.length}`)).toEqual(["def f/1 x2", "defp g/2 x1"]);
    expect([...outer!.functions[0]!.clauses[0]!.attributes.keys()]).toEqual(["spec", "impl"]);
    expect(outer!.functions[0]!.clauses[0]!.guard?.text).toBe("x > 0");
    expect(outer!.functions[1]!.clauses[0]!.defaults).toBe(1);
    expect([...specsOf(outer!)]).toEqual(["f/1"]);
    expect(inner!.name).toBe("Outer.Inner");
    const start = parsed.byType.get("call")!.find((c) => callName(c) === "GenServer.start_link")!;
    expect(keywordValue(start, "name")?.text).toBe("__MODULE__");
    expect(args(start)).toHaveLength(3);
  });

  it("knows patterns from expressions", async () => {
    const parsed = await parseElixir("def f({:safe, x}), do: {:safe, x}\ncase y do\n  {:safe, z} -> {:safe, z}\nend\n");
    const tuples = parsed.byType.get("tuple")!;
    expect(tuples.map(isInPattern)).toEqual([true, false, true, false]);
  });
});
