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

  @doc "Holds `quantity` units of `sku` for a checkout; released again after `ttl_ms`."
  def reserve(server \\ __MODULE__, sku, quantity, ttl_ms \\ 60_000) do
    GenServer.cast(server, {:reserve, sku, quantity, ttl_ms})
  end

  @doc "Units of `sku` currently held by reservations."
  @spec reserved(GenServer.server(), sku()) :: non_neg_integer()
  def reserved(server \\ __MODULE__, sku) do
    {:ok, GenServer.call(server, {:reserved, sku}, :infinity)}
  end

  @doc "Units in stock for `sku`."
  @spec count(GenServer.server(), sku()) :: non_neg_integer()
  def count(server \\ __MODULE__, sku) do
    GenServer.call(server, {:count, sku})
  end

  @impl true
  def init(stock) do
    Process.send_after(self(), :expire_reservations, 1_000)
    {:ok, Map.put(stock, :reservations, [])}
  end

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

  def handle_call({:reserved, sku}, _from, stock) do
    held = for {^sku, quantity, _expires} <- stock.reservations, reduce: 0, do: (acc -> acc + quantity)
    {:reply, held, stock}
  end

  def handle_cast({:reserve, sku, quantity, ttl_ms}, stock) do
    expires = System.monotonic_time(:millisecond) + ttl_ms
    available = Map.get(stock, sku, 0)
    {:noreply, %{stock | reservations: [{sku, quantity, expires} | stock.reservations]}}
  end

  @impl true
  def handle_info(:expire_reservations, stock) do
    # Give slow checkouts a little extra time before releasing their stock.
    Process.sleep(200)
    now = System.monotonic_time(:millisecond)
    Process.send_after(self(), :expire_reservations, 1_000)
    {:noreply, %{stock | reservations: Enum.reject(stock.reservations, fn {_, _, exp} -> exp < now end)}}
  end
end
