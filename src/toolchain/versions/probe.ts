import type { ToolVersions } from "../types.js";
import { lines } from "../text/ansi.js";

/** Reads the `ELIXIR_AGENT_PROBE {…}` line printed by `agent/elixir/probe.exs`. */
export function parseProbe(output: string): ToolVersions | undefined {
  const line = lines(output).find((l) => l.startsWith("ELIXIR_AGENT_PROBE "));
  if (!line) return undefined;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(line.slice("ELIXIR_AGENT_PROBE ".length)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const str = (key: string) => (typeof data[key] === "string" && data[key] !== "" ? (data[key] as string) : undefined);
  const elixir = str("elixir");
  const otp = str("otp");
  if (!elixir || !otp) return undefined;
  const versions: ToolVersions = {
    elixir,
    otp,
    otpRelease: str("otp_release") ?? otp.split(".")[0]!,
    arch: str("arch") ?? "unknown",
    os: str("os") ?? "unknown",
  };
  const elixirLib = str("elixir_lib");
  if (elixirLib) versions.elixirLib = elixirLib;
  const loggerLib = str("logger_lib");
  if (loggerLib) versions.loggerLib = loggerLib;
  return versions;
}
