import Config

config :shop, low_stock_threshold: 3
