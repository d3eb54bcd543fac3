import type { RawFinding } from "../../src/review/finding.js";

/** A small Phoenix-less Elixir project and a change to it: the standard PR of the agent tests. */

const cartFunctions = Array.from({ length: 10 }, (_, i) => `  def f${i + 1}(x), do: x + ${i + 1}\n`).join("\n");
// Line 1 defmodule, 2 moduledoc, 3 blank, 4..22 the functions, then `end`.
export const CART_BASE = `defmodule Shop.Cart do\n  @moduledoc "A shopping cart."\n\n${cartFunctions}end\n`;
export const CART_HEAD = CART_BASE.replace(/end\n$/, `\n  def kind(params), do: String.to_atom(params["kind"])\nend\n`);

export const WORKER = `defmodule Shop.Worker do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def init(opts) do
    Process.sleep(5_000)
    {:ok, opts}
  end

  def handle_info(:tick, state), do: {:noreply, state}
end
`;

export const SHOP_BASE = {
  "mix.exs": 'defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, version: "0.1.0"]\nend\n',
  "mix.lock": '%{\n  "jason": {:hex, :jason, "1.4.0"},\n}\n',
  "lib/shop/cart.ex": CART_BASE,
  "test/shop/cart_test.exs": "defmodule Shop.CartTest do\n  use ExUnit.Case\n  test \"totals\", do: assert Shop.Cart.f1(1) == 2\nend\n",
};

export const SHOP_HEAD = {
  "mix.lock": '%{\n  "jason": {:hex, :jason, "1.4.1"},\n}\n',
  "lib/shop/cart.ex": CART_HEAD,
  "lib/shop/worker.ex": WORKER,
};

export const IMPL_HYPOTHESIS: RawFinding = {
  source: "analyzer",
  rule: "otp/impl-true",
  checklistItem: "otp-behaviours",
  severity: "minor",
  path: "lib/shop/worker.ex",
  line: 6,
  title: "GenServer callback without @impl true",
  message: "init/1 implements a behaviour callback but is not marked @impl true.",
};
