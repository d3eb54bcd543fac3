defmodule Shop.Inventory do
  @moduledoc """
  Stock levels per SKU, owned by one supervised process.
  """
  use GenServer

  @type sku :: String.t()

  @spec start_link(keyword()) :: GenServer.on_start()
  def start_link(opts) do
    GenServer.start_link(__MODULE__, %{}, name: Keyword.get(opts, :name, __MODULE__))
  end

  @doc "Adds `quantity` units of `sku`."
  @spec add(GenServer.server(), sku(), pos_integer()) :: :ok
  def add(server \\ __MODULE__, sku, quantity) when is_integer(quantity) and quantity > 0 do
    GenServer.call(server, {:add, sku, quantity})
  end

  @doc "Takes `quantity` units of `sku` out of stock."
  @spec take(GenServer.server(), sku(), pos_integer()) :: :ok | {:error, :insufficient_stock}
  def take(server \\ __MODULE__, sku, quantity) when is_integer(quantity) and quantity > 0 do
    GenServer.call(server, {:take, sku, quantity})
  end

  @doc "Units in stock for `sku`."
  @spec count(GenServer.server(), sku()) :: non_neg_integer()
  def count(server \\ __MODULE__, sku) do
    GenServer.call(server, {:count, sku})
  end

  @impl true
  def init(stock), do: {:ok, stock}

  @impl true
  def handle_call({:add, sku, quantity}, _from, stock) do
    {:reply, :ok, Map.update(stock, sku, quantity, &(&1 + quantity))}
  end

  def handle_call({:take, sku, quantity}, _from, stock) do
    case Map.get(stock, sku, 0) do
      available when available >= quantity ->
        {:reply, :ok, Map.put(stock, sku, available - quantity)}

      _ ->
        {:reply, {:error, :insufficient_stock}, stock}
    end
  end

  def handle_call({:count, sku}, _from, stock) do
    {:reply, Map.get(stock, sku, 0), stock}
  end
end
