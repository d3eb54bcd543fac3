defmodule Shop.CatalogTest do
  use ExUnit.Case, async: true

  alias Shop.{Catalog, Inventory}

  test "lists and finds products" do
    assert [%{sku: "TEA-01"} | _] = Catalog.list_products()
    assert {:ok, %{name: "Genmaicha"}} = Catalog.fetch_product("TEA-02")
    assert {:error, :not_found} = Catalog.fetch_product("NOPE")
  end

  test "reports low stock" do
    inventory = start_supervised!({Inventory, name: nil})
    assert Catalog.low_stock?(inventory, "TEA-01")
    :ok = Inventory.add(inventory, "TEA-01", 10)
    refute Catalog.low_stock?(inventory, "TEA-01")
  end

  test "uses the application's inventory by default" do
    assert Catalog.low_stock?("SKU-never-stocked")
  end
end
