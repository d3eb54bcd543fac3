defmodule Shop.Notifier do

  def notify_low_stock(sku, params) do
    channel = String.to_atom(params["channel"])
    spawn(fn -> deliver(channel, "#{sku} is running low") end)
    :ok
  end

  defp deliver(:log, message), do: IO.puts(message)
  defp deliver(_other, message),   do: IO.puts(:stderr, message)
end
