defmodule Shop.ReservationTest do
  use ExUnit.Case, async: true

  alias Shop.Inventory

  test "a reservation holds stock until it expires" do
    inventory = start_supervised!({Inventory, name: nil})
    :ok = Inventory.add(inventory, "TEA-01", 5)
    :ok = Inventory.reserve(inventory, "TEA-01", 2, 50)
    Process.sleep(20)
    assert Inventory.reserved(inventory, "TEA-01") == 2
  end
end
