defmodule Shop.InventoryTest do
  use ExUnit.Case, async: true

  alias Shop.Inventory

  setup do
    inventory = start_supervised!({Inventory, name: nil})
    %{inventory: inventory}
  end

  test "adds and counts stock", %{inventory: inventory} do
    assert :ok = Inventory.add(inventory, "TEA-01", 5)
    assert Inventory.count(inventory, "TEA-01") == 5
  end

  test "refuses to take more than is in stock", %{inventory: inventory} do
    :ok = Inventory.add(inventory, "TEA-01", 1)
    assert {:error, :insufficient_stock} = Inventory.take(inventory, "TEA-01", 2)
    assert :ok = Inventory.take(inventory, "TEA-01", 1)
    assert Inventory.count(inventory, "TEA-01") == 0
  end

  test "the application starts a named inventory" do
    sku = "SKU-#{System.unique_integer([:positive])}"
    assert :ok = Inventory.add(sku, 2)
    assert :ok = Inventory.take(sku, 1)
    assert Inventory.count(sku) == 1
  end
end
