# Line coverage of the running `:cover` session as JSON, one line per suite (an umbrella appends
# one per child app). Called by the JSON ExUnit formatter at suite_finished, while the data of
# `mix test --cover` is still in the cover server; `--export-coverage` on the command line keeps
# Mix from printing its own summary and from replacing the test exit status with 3.
#
#   {"cwd": "...", "modules": [{"module": "Demo", "source": "/abs/lib/demo.ex",
#                               "lines": [[15, 3], [19, 0]]}]}
#
# Line 0 is generated code and skipped, like Mix does; several entries on one line keep the
# highest count. Modules in the project's `test_coverage: [ignore_modules: ...]` are left out.
Code.require_file("json.exs", __DIR__)

defmodule ElixirAgent.Cover do
  @moduledoc false

  def export(path) do
    if Process.whereis(:cover_server) do
      modules = for mod <- :cover.modules(), not ignored?(mod), do: module(mod)
      ElixirAgent.JSON.append_line(path, %{cwd: File.cwd!(), modules: Enum.reject(modules, &is_nil/1)})
    end

    :ok
  end

  defp module(mod) do
    case :cover.analyse(mod, :calls, :line) do
      {:ok, entries} ->
        lines =
          entries
          |> Enum.reduce(%{}, fn
            {{_mod, 0}, _calls}, acc -> acc
            {{_mod, line}, calls}, acc -> Map.update(acc, line, calls, &max(&1, calls))
          end)
          |> Enum.sort()
          |> Enum.map(fn {line, calls} -> [line, calls] end)

        %{module: inspect(mod), source: source(mod), lines: lines}

      _ ->
        nil
    end
  end

  defp source(mod) do
    beam = Path.join(compile_path(), Atom.to_string(mod) <> ".beam")

    with true <- File.regular?(beam),
         {:ok, {_, [compile_info: info]}} <- :beam_lib.chunks(String.to_charlist(beam), [:compile_info]),
         src when not is_nil(src) <- info[:source] do
      to_string(src)
    else
      _ -> compile_source(mod)
    end
  end

  defp compile_source(mod) do
    case mod.module_info(:compile)[:source] do
      nil -> nil
      src -> to_string(src)
    end
  rescue
    _ -> nil
  end

  defp compile_path do
    if Code.ensure_loaded?(Mix.Project) and Mix.Project.get(), do: Mix.Project.compile_path(), else: ""
  rescue
    _ -> ""
  end

  defp ignored?(mod) do
    patterns =
      if Code.ensure_loaded?(Mix.Project) and Mix.Project.get(),
        do: get_in(Mix.Project.config(), [:test_coverage, :ignore_modules]) || [],
        else: []

    Enum.any?(patterns, fn
      %Regex{} = regex -> Regex.match?(regex, inspect(mod))
      other -> other == mod
    end)
  rescue
    _ -> false
  end
end
