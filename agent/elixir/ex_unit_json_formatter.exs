# Structured ExUnit results as JSON Lines, injected without touching the project:
#
#   ELIXIR_AGENT_TESTS_PATH=/out/tests.jsonl \
#     elixir -r agent/elixir/ex_unit_json_formatter.exs -S mix test \
#       --formatter ExUnit.CLIFormatter --formatter ElixirAgent.ExUnitJSONFormatter
#
# One line per event: suite_started, test_finished, module_failed, suite_finished,
# max_failures_reached, sigquit, formatter_error. The file is appended to: an umbrella runs one
# suite per child app in the same VM. With ELIXIR_AGENT_COVER_PATH set and `--cover`, the
# coverage of the suite is exported at suite_finished (see cover.exs).
#
# Verified shape on Elixir 1.14–1.18. A formatter that raises aborts the whole run, so every
# callback is guarded.
Code.require_file("json.exs", __DIR__)
Code.require_file("cover.exs", __DIR__)

defmodule ElixirAgent.ExUnitJSONFormatter do
  @moduledoc false
  use GenServer

  @impl true
  def init(opts) do
    {:ok, %{path: System.get_env("ELIXIR_AGENT_TESTS_PATH"), seed: opts[:seed]}}
  end

  @impl true
  def handle_cast(event, state) do
    try do
      handle(event, state)
    rescue
      error -> emit(state, %{event: "formatter_error", message: Exception.format(:error, error, __STACKTRACE__)})
    catch
      kind, reason -> emit(state, %{event: "formatter_error", message: Exception.format(kind, reason, __STACKTRACE__)})
    end

    {:noreply, state}
  end

  defp handle({:suite_started, _opts}, state) do
    emit(state, %{
      event: "suite_started",
      cwd: File.cwd!(),
      seed: state.seed,
      elixir: System.version(),
      otp: System.otp_release()
    })
  end

  defp handle({:test_finished, %ExUnit.Test{} = test}, state), do: emit(state, ElixirAgent.ExUnitJSON.test(test))

  defp handle({:module_finished, %ExUnit.TestModule{state: {:failed, failures}} = mod}, state) do
    emit(state, ElixirAgent.ExUnitJSON.module_failed(mod, failures))
  end

  defp handle({:suite_finished, times_us}, state) do
    cover = System.get_env("ELIXIR_AGENT_COVER_PATH")
    if cover not in [nil, ""], do: ElixirAgent.Cover.export(cover)
    emit(state, %{event: "suite_finished", times_us: times(times_us)})
  end

  defp handle(:max_failures_reached, state), do: emit(state, %{event: "max_failures_reached"})

  defp handle({:sigquit, running}, state) do
    names = for %ExUnit.Test{} = t <- running, do: "#{inspect(t.module)}: #{t.name}"
    emit(state, %{event: "sigquit", running: names})
  end

  defp handle(_other, _state), do: :ok

  defp times(%{} = map), do: map
  defp times({run, load}), do: %{run: run, load: load, async: nil}
  defp times(other), do: %{run: other}

  defp emit(%{path: path}, event) when path in [nil, ""], do: IO.puts(ElixirAgent.JSON.encode(event))
  defp emit(%{path: path}, event), do: ElixirAgent.JSON.append_line(path, event)
end

defmodule ElixirAgent.ExUnitJSON do
  @moduledoc false

  def test(%ExUnit.Test{} = test) do
    tags = test.tags
    base = %{
      event: "test_finished",
      module: inspect(test.module),
      name: to_string(test.name),
      file: tags[:file],
      line: tags[:line],
      describe: tags[:describe],
      test_type: tags[:test_type],
      time_us: test.time,
      logs: blank_to_nil(test.logs),
      parameters: parameters(test)
    }

    case test.state do
      nil ->
        Map.put(base, :status, "passed")

      {:skipped, reason} ->
        Map.merge(base, %{status: "skipped", reason: to_string(reason)})

      {:excluded, reason} ->
        Map.merge(base, %{status: "excluded", reason: to_string(reason)})

      {:invalid, mod} ->
        Map.merge(base, %{status: "invalid", reason: "setup_all failed in #{inspect(module_name(mod))}"})

      {:failed, failures} ->
        Map.merge(base, %{
          status: "failed",
          failures: Enum.map(failures, &failure(&1, tags[:file])),
          formatted: format(fn -> ExUnit.Formatter.format_test_failure(test, failures, 1, 100, &plain/2) end)
        })
    end
  end

  def module_failed(%ExUnit.TestModule{} = mod, failures) do
    file = mod.file || first_test_file(mod)

    %{
      event: "module_failed",
      module: inspect(mod.name),
      file: file,
      failures: Enum.map(failures, &failure(&1, file)),
      formatted: format(fn -> ExUnit.Formatter.format_test_all_failure(mod, failures, 1, 100, &plain/2) end)
    }
  end

  defp failure({kind, reason, stack}, test_file) do
    frames = Enum.map(stack, &frame/1)

    %{
      kind: kind_name(kind),
      exception: exception_name(kind, reason),
      message: message(kind, reason, stack),
      location: location(frames, test_file),
      stacktrace: frames
    }
    |> Map.merge(assertion(reason))
  end

  defp kind_name({:EXIT, _pid}), do: "EXIT"
  defp kind_name(kind) when is_atom(kind), do: Atom.to_string(kind)
  defp kind_name(kind), do: inspect(kind)

  defp exception_name(:error, %{__exception__: true, __struct__: mod}), do: inspect(mod)
  defp exception_name(_, _), do: nil

  defp message(:error, %ExUnit.AssertionError{message: message}, _stack), do: message

  defp message(:error, %{__exception__: true} = exception, _stack) do
    Exception.message(exception)
  rescue
    _ -> inspect(exception)
  end

  defp message(kind, reason, stack), do: Exception.format_banner(kind, reason, stack)

  defp assertion(%ExUnit.AssertionError{} = error) do
    %{
      expr: expr(error.expr),
      left: maybe_inspect(error.left),
      right: maybe_inspect(error.right)
    }
  end

  defp assertion(_), do: %{}

  defp expr(:ex_unit_no_meaningful_value), do: nil
  defp expr(expr) when is_binary(expr), do: expr
  defp expr(expr), do: Macro.to_string(expr)

  defp maybe_inspect(:ex_unit_no_meaningful_value), do: nil
  defp maybe_inspect(value), do: inspect(value, limit: 50, printable_limit: 2048)

  defp frame({mod, fun, arity_or_args, location} = entry) do
    %{
      module: inspect_module(mod),
      function: to_string(fun),
      arity: if(is_list(arity_or_args), do: length(arity_or_args), else: arity_or_args),
      file: if(location[:file], do: to_string(location[:file])),
      line: location[:line],
      text: Exception.format_stacktrace_entry(entry)
    }
  end

  defp frame(entry), do: %{text: inspect(entry)}

  defp inspect_module(mod) when is_atom(mod), do: inspect(mod)
  defp inspect_module(other), do: inspect(other)

  # The failing line: the first stack frame in the test file itself.
  defp location(_frames, nil), do: nil

  defp location(frames, test_file) do
    Enum.find_value(frames, fn
      %{file: file, line: line} when is_binary(file) and is_integer(line) ->
        if same_file?(file, test_file), do: %{file: test_file, line: line}

      _ ->
        nil
    end)
  end

  defp same_file?(file, test_file) do
    file == test_file or Path.expand(file) == test_file or String.ends_with?(test_file, "/" <> file)
  end

  defp parameters(%{parameters: params}) when params != %{}, do: inspect(params)
  defp parameters(_), do: nil

  defp module_name(%{name: name}), do: name
  defp module_name(name), do: name

  defp first_test_file(%ExUnit.TestModule{tests: [%ExUnit.Test{tags: tags} | _]}), do: tags[:file]
  defp first_test_file(_), do: nil

  defp blank_to_nil(""), do: nil
  defp blank_to_nil(logs), do: logs

  defp format(fun) do
    fun.()
  rescue
    error -> "(could not format the failure: #{Exception.message(error)})"
  end

  # No ANSI, no diffs: plain text, like the CLI without colours.
  defp plain(:diff_enabled?, _), do: false
  defp plain(_key, value), do: value
end
