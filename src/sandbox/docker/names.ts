import { createHash } from "node:crypto";

/** A short, docker-safe name stem for one job's containers and networks. */
export function jobTag(jobDir: string): string {
  return `elixir-agent-${createHash("sha256").update(jobDir).digest("hex").slice(0, 12)}`;
}
