# A minimal JSON encoder for elixir-agent's helpers: Elixir 1.14–1.17 ship no JSON module and the
# helpers must not depend on the project's deps. Loaded with `Code.require_file/1` by the others.
defmodule ElixirAgent.JSON do
  @moduledoc false

  @doc "Encodes maps, lists, strings, numbers, atoms, nil and booleans; anything else is inspected."
  def encode(term), do: IO.iodata_to_binary(value(term))

  defp value(nil), do: "null"
  defp value(true), do: "true"
  defp value(false), do: "false"
  defp value(n) when is_integer(n), do: Integer.to_string(n)
  defp value(n) when is_float(n), do: :erlang.float_to_binary(n, [:short])
  defp value(a) when is_atom(a), do: string(Atom.to_string(a))
  defp value(s) when is_binary(s), do: string(s)
  defp value(%{} = map) when not is_struct(map), do: object(map)
  defp value(list) when is_list(list), do: [?[, Enum.map_intersperse(list, ?,, &value/1), ?]]
  defp value(other), do: string(inspect(other, limit: 50, printable_limit: 4096))

  defp object(map) do
    pairs = Enum.map_intersperse(map, ?,, fn {k, v} -> [string(key(k)), ?:, value(v)] end)
    [?{, pairs, ?}]
  end

  defp key(k) when is_binary(k), do: k
  defp key(k) when is_atom(k), do: Atom.to_string(k)
  defp key(k), do: inspect(k)

  defp string(s) do
    s = if String.valid?(s), do: s, else: inspect(s)
    [?", escape(s, ""), ?"]
  end

  defp escape(<<>>, acc), do: acc
  defp escape(<<?", rest::binary>>, acc), do: escape(rest, <<acc::binary, "\\\"">>)
  defp escape(<<?\\, rest::binary>>, acc), do: escape(rest, <<acc::binary, "\\\\">>)
  defp escape(<<?\n, rest::binary>>, acc), do: escape(rest, <<acc::binary, "\\n">>)
  defp escape(<<?\r, rest::binary>>, acc), do: escape(rest, <<acc::binary, "\\r">>)
  defp escape(<<?\t, rest::binary>>, acc), do: escape(rest, <<acc::binary, "\\t">>)

  defp escape(<<c, rest::binary>>, acc) when c < 0x20 do
    hex = c |> Integer.to_string(16) |> String.pad_leading(4, "0")
    escape(rest, <<acc::binary, "\\u", hex::binary>>)
  end

  defp escape(<<c::utf8, rest::binary>>, acc), do: escape(rest, <<acc::binary, c::utf8>>)

  @doc "Appends one JSON line to `path` (several suites in an umbrella share the file)."
  def append_line(path, term), do: File.write!(path, [encode(term), ?\n], [:append])

  @doc "Writes `term` to `path` atomically (a reader never sees half a file)."
  def write(path, term) do
    tmp = path <> ".tmp"
    File.write!(tmp, encode(term))
    File.rename!(tmp, path)
  end
end
