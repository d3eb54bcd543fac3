# What the sandbox runs: Elixir and OTP versions, architecture, and the code paths plain
# dialyzer needs. Runs no project code. Prints one line:
#
#   ELIXIR_AGENT_PROBE {"elixir":"1.14.0","otp":"25.2.3","otp_release":"25",...}
Code.require_file("json.exs", __DIR__)

otp_release = System.otp_release()

otp_full =
  case File.read(Path.join([:code.root_dir(), "releases", otp_release, "OTP_VERSION"])) do
    {:ok, version} -> String.trim(version)
    _ -> otp_release
  end

lib_dir = fn app ->
  case :code.lib_dir(app) do
    {:error, _} -> nil
    dir -> to_string(dir)
  end
end

{os_family, os_name} = :os.type()

IO.puts(
  "ELIXIR_AGENT_PROBE " <>
    ElixirAgent.JSON.encode(%{
      elixir: System.version(),
      otp: otp_full,
      otp_release: otp_release,
      arch: to_string(:erlang.system_info(:system_architecture)),
      os: "#{os_family}-#{os_name}",
      elixir_lib: lib_dir.(:elixir),
      logger_lib: lib_dir.(:logger)
    })
)
