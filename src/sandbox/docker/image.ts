/** The official Elixir image when nothing else is known. */
export const DEFAULT_DOCKER_IMAGE = "elixir:1.17";

const ASDF_ELIXIR = /^(\d+\.\d+(?:\.\d+)?)(-otp-\d+)?$/;

/**
 * The image for a project: the operator's choice, else the official `elixir` image tagged from
 * `.tool-versions` (asdf's `1.15.7-otp-26` is also the official tag format). Anything else in
 * that file (it comes from the PR) falls back to the default instead of reaching docker.
 */
export function dockerImageFor(toolVersions?: { elixir?: string }, configured?: string): string {
  if (configured) return configured;
  const match = ASDF_ELIXIR.exec(toolVersions?.elixir?.trim() ?? "");
  if (!match) return DEFAULT_DOCKER_IMAGE;
  return `elixir:${match[1]}${match[2] ?? ""}`;
}
