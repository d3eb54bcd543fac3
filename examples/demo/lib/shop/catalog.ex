defmodule Shop.Catalog do
  @moduledoc """
  The catalog context: products and their availability.
  """

  alias Shop.Inventory

  @type product :: %{sku: String.t(), name: String.t(), price_cents: non_neg_integer()}

  @products [
    %{sku: "TEA-01", name: "Sencha", price_cents: 1200},
    %{sku: "TEA-02", name: "Genmaicha", price_cents: 900}
  ]

  @doc "All products."
  @spec list_products() :: [product()]
  def list_products, do: @products

  @doc "Finds a product by SKU."
  @spec fetch_product(String.t()) :: {:ok, product()} | {:error, :not_found}
  def fetch_product(sku) do
    case Enum.find(@products, &(&1.sku == sku)) do
      nil -> {:error, :not_found}
      product -> {:ok, product}
    end
  end

  @doc "Whether `sku` is running low, per the configured threshold."
  @spec low_stock?(GenServer.server(), String.t()) :: boolean()
  def low_stock?(inventory \\ Inventory, sku) do
    Inventory.count(inventory, sku) <= Application.get_env(:shop, :low_stock_threshold, 3)
  end
end
