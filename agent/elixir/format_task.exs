# The formatted text of the given files as JSON, computed with the project's own formatter
# configuration (.formatter.exs, subdirectories, plugins) and written nowhere else:
#
#   ELIXIR_AGENT_FORMAT_PATH=/out/format.json \
#     elixir -r agent/elixir/format_task.exs -S mix elixir_agent.format lib/a.ex lib/b.ex
#
# Output: {"files": [{"file": "lib/a.ex", "formatted": "..."} | {"file": "...", "error": "..."}]}
Code.require_file("json.exs", __DIR__)

defmodule Mix.Tasks.ElixirAgent.Format do
  @moduledoc false
  use Mix.Task

  @impl true
  def run(files) do
    path = System.get_env("ELIXIR_AGENT_FORMAT_PATH") || Mix.raise("ELIXIR_AGENT_FORMAT_PATH is not set")
    ElixirAgent.JSON.write(path, %{files: Enum.map(files, &format/1)})
  end

  defp format(file) do
    {formatter, _opts} = Mix.Tasks.Format.formatter_for_file(file)
    %{file: file, formatted: IO.iodata_to_binary(formatter.(File.read!(file)))}
  rescue
    error -> %{file: file, error: Exception.message(error)}
  end
end
