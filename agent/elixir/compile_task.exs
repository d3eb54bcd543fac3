# `mix compile`, with every compiler diagnostic dumped as JSON, without touching the project:
#
#   ELIXIR_AGENT_DIAG_PATH=/out/compile.json \
#     elixir -r agent/elixir/compile_task.exs -S mix elixir_agent.compile --force
#
# `--return-errors` is passed inside the task only: at the command line it makes `mix compile`
# exit 0 even on errors. The task exits 1 when compilation failed, so the exit status stays honest.
#
# Output: {"status": "ok"|"noop"|"error", "elixir": "1.14.0", "cwd": "/abs/root",
#          "build_path": "_build/test", "apps": [{"app": "demo", "path": ".", "ebin": "..."}],
#          "diagnostics": [{"file": "lib/a.ex", "severity": "warning", "message": "...",
#                           "line": 6, "column": 5, "end_line": 6, "end_column": 6,
#                           "compiler": "Elixir", "source": null, "stacktrace": ["..."]}]}
Code.require_file("json.exs", __DIR__)

defmodule Mix.Tasks.ElixirAgent.Compile do
  @moduledoc false
  use Mix.Task

  @impl true
  def run(args) do
    path = System.get_env("ELIXIR_AGENT_DIAG_PATH") || Mix.raise("ELIXIR_AGENT_DIAG_PATH is not set")
    cwd = File.cwd!()

    {status, diagnostics} =
      case Mix.Task.run("compile", args ++ ["--return-errors"]) do
        {status, diagnostics} when is_list(diagnostics) -> {status, diagnostics}
        status when is_atom(status) -> {status, []}
        _ -> {:unknown, []}
      end

    ElixirAgent.JSON.write(path, %{
      status: status,
      elixir: System.version(),
      cwd: cwd,
      build_path: Path.relative_to(Mix.Project.build_path(), cwd),
      apps: apps(cwd),
      diagnostics: Enum.map(diagnostics, &diagnostic(&1, cwd))
    })

    if status == :error, do: exit({:shutdown, 1})
    status
  end

  defp apps(cwd) do
    build = Mix.Project.build_path()

    paths =
      if Mix.Project.umbrella?(),
        do: Mix.Project.apps_paths() || %{},
        else: %{Mix.Project.config()[:app] => "."}

    for {app, dir} <- paths, app != nil do
      %{app: app, path: Path.relative_to(Path.expand(dir, cwd), cwd), ebin: Path.relative_to(Path.join([build, "lib", to_string(app), "ebin"]), cwd)}
    end
  end

  defp diagnostic(diag, cwd) do
    {line, column, end_line, end_column} = position(diag.position, Map.get(diag, :span))

    %{
      file: relative(diag.file, cwd),
      source: relative(Map.get(diag, :source), cwd),
      severity: diag.severity,
      message: IO.chardata_to_string(diag.message),
      line: line,
      column: column,
      end_line: end_line,
      end_column: end_column,
      compiler: diag.compiler_name,
      stacktrace: Enum.map(Map.get(diag, :stacktrace) || [], &Exception.format_stacktrace_entry/1)
    }
  end

  defp position({l, c, el, ec}, _span), do: {l, c, el, ec}
  defp position({l, c}, {el, ec}), do: {l, c, el, ec}
  defp position({l, c}, _span), do: {l, c, nil, nil}
  defp position(l, _span) when is_integer(l) and l > 0, do: {l, nil, nil, nil}
  defp position(_, _span), do: {nil, nil, nil, nil}

  defp relative(nil, _cwd), do: nil
  defp relative(file, cwd), do: file |> to_string() |> Path.relative_to(cwd)
end
