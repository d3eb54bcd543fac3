import type { ProjectShape } from "../../workspace/types.js";
import type { ToolVersions } from "../types.js";
import { parseVersion, satisfies } from "./requirement.js";

/**
 * Compares what the sandbox runs with what the project asks for: the `elixir:` requirement of
 * mix.exs (Mix refuses to build when it is not met) and the versions pinned in `.tool-versions`
 * (formatting, warnings and dialyzer can differ between versions). Undefined when all agree.
 */
export function versionWarning(project: ProjectShape, versions: Pick<ToolVersions, "elixir" | "otp">): string | undefined {
  const notes: string[] = [];
  if (project.elixirRequirement && satisfies(versions.elixir, project.elixirRequirement) === false) {
    notes.push(
      `mix.exs requires Elixir ${project.elixirRequirement} but the sandbox runs Elixir ${versions.elixir}: Mix refuses to build the project.`,
    );
  }
  const pinned = project.toolVersions;
  const elixirPin = pinned?.elixir?.replace(/-otp-.*$/, "");
  const pins: string[] = [];
  if (elixirPin && !sameMinor(elixirPin, versions.elixir)) pins.push(`Elixir ${elixirPin}`);
  if (pinned?.erlang && !sameMajor(pinned.erlang, versions.otp)) pins.push(`Erlang/OTP ${pinned.erlang}`);
  if (pins.length > 0) {
    notes.push(
      `.tool-versions pins ${pins.join(" and ")}; the sandbox runs Elixir ${versions.elixir} on OTP ${versions.otp}. ` +
        "Formatting, compiler warnings and dialyzer results can differ from the project's own CI.",
    );
  }
  return notes.length > 0 ? notes.join(" ") : undefined;
}

function sameMinor(a: string, b: string): boolean {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return true;
  return x.parts[0] === y.parts[0] && (x.given < 2 || x.parts[1] === y.parts[1]);
}

function sameMajor(a: string, b: string): boolean {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return !x || !y || x.parts[0] === y.parts[0];
}
