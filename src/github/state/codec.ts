import { z } from "zod";
import { escapeMd, inlineCode } from "../../util/markdown.js";

/**
 * Per-PR state that commands change (pause, ignored rules). It lives on GitHub itself, in one
 * comment of the app on the PR, so it survives restarts and needs no database.
 */
export const PullStateSchema = z
  .object({
    version: z.literal(1),
    paused: z.object({ by: z.string(), at: z.string() }).strict().optional(),
    ignored: z
      .array(z.object({ rule: z.string().min(1).max(200), by: z.string(), reason: z.string().max(300).optional(), at: z.string() }).strict())
      .max(100),
  })
  .strict();

export type PullState = z.infer<typeof PullStateSchema>;

export function emptyState(): PullState {
  return { version: 1, ignored: [] };
}

/** The state comment starts with this line; only our app's comments that do are read. */
export const STATE_HEADER = "**elixir-agent settings for this pull request**";
const MARKER = /<!-- elixir-agent:state:v1 ([A-Za-z0-9_-]+) -->\s*$/;

/** The comment body: readable for people, with the data in a hidden marker (base64url JSON). */
export function renderState(state: PullState): string {
  const lines = [STATE_HEADER, ""];
  lines.push(
    state.paused
      ? `- Automatic reviews: ⏸️ **paused** by ${escapeMd(state.paused.by)} (${state.paused.at.slice(0, 10)}). Comment \`/elixir-agent resume\` to restart them.`
      : "- Automatic reviews: ▶️ on.",
  );
  if (state.ignored.length === 0) lines.push("- Ignored rules: none.");
  else {
    lines.push("- Ignored rules:");
    for (const r of state.ignored) lines.push(`  - ${inlineCode(r.rule)} by ${escapeMd(r.by)}${r.reason ? ` — ${escapeMd(r.reason)}` : ""}`);
  }
  lines.push("", "<sub>Changed with `/elixir-agent pause`, `resume`, `ignore` and `unignore`. Deleting this comment resets them.</sub>");
  const data = Buffer.from(JSON.stringify(state), "utf8").toString("base64url");
  lines.push("", `<!-- elixir-agent:state:v1 ${data} -->`);
  return lines.join("\n");
}

export type Decoded = { ok: true; state: PullState } | { ok: false; problem: string };

/** Reads the marker back; a comment that is not a state comment, or a damaged one, says why. */
export function decodeState(body: string): Decoded | undefined {
  if (!body.startsWith(STATE_HEADER)) return undefined;
  const match = MARKER.exec(body);
  if (!match) return { ok: false, problem: "the state comment has no data marker" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(match[1]!, "base64url").toString("utf8"));
  } catch {
    return { ok: false, problem: "the state comment's data is not valid JSON" };
  }
  const parsed = PullStateSchema.safeParse(json);
  return parsed.success ? { ok: true, state: parsed.data } : { ok: false, problem: `the state comment's data is invalid: ${z.prettifyError(parsed.error)}` };
}
