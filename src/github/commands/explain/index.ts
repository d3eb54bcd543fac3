import { inlineCode } from "../../../util/markdown.js";
import { mayBeOwnComment } from "../../identity.js";
import { iterateComments, type ListedComment } from "../comment.js";
import type { CommandContext, CommandOutcome } from "../context.js";
import { usageOf } from "../grammar.js";
import { findingOf } from "./finding-marker.js";
import { renderExplanation, similarIds } from "./render.js";

const FINDING_ID = /^[0-9a-f]{8,64}$/i;

/**
 * `explain <finding-id | rule>`, or a bare `explain` in reply to one of our inline comments: the
 * rule's explanation from the analyzer registry, the toolchain families and the checklist.
 */
export async function explain(ctx: CommandContext, target: string | undefined): Promise<CommandOutcome> {
  const catalog = await ctx.services.catalog();
  const found = target === undefined ? await threadFinding(ctx) : FINDING_ID.test(target) && !renderExplanation(catalog, target) ? await findingById(ctx, target) : { rule: target };
  if ("problem" in found) return { ok: false, body: found.problem };
  const text = renderExplanation(catalog, found.rule);
  if (!text) {
    const similar = similarIds(catalog, found.rule);
    return {
      ok: false,
      body: `I don't know the rule ${inlineCode(found.rule)}.${similar.length ? ` Did you mean ${similar.map((id) => inlineCode(id)).join(", ")}?` : ""} Rule ids appear in the check run's findings table, e.g. \`otp/impl-true\` or \`credo/Credo.Check.Readability.ModuleDoc\`; checklist item ids (\`otp-supervision\` …) work too.`,
    };
  }
  const about = found.url ? `About [this finding](${found.url}) (${inlineCode(found.fingerprint ?? found.rule)}):\n\n` : "";
  return { ok: true, body: about + text };
}

type Found = { rule: string; fingerprint?: string; url?: string } | { problem: string };

async function threadFinding(ctx: CommandContext): Promise<Found> {
  const { comment, repo } = ctx.event;
  const usage = `${inlineCode(usageOf("explain"))} needs a rule or finding id here; without one it works as a reply to an elixir-agent inline comment.`;
  if (comment.kind !== "review" || comment.inReplyTo === undefined) return { problem: usage };
  const { data } = await ctx.github.request("GET /repos/{owner}/{repo}/pulls/comments/{comment_id}", {
    owner: repo.owner,
    repo: repo.name,
    comment_id: comment.inReplyTo,
  });
  const root = data as ListedComment;
  const marker = mayBeOwnComment(ctx.services.identity, root) ? findingOf(root.body ?? "") : undefined;
  if (!marker?.rule) return { problem: usage };
  return { rule: marker.rule, fingerprint: marker.fingerprint, ...(root.html_url ? { url: root.html_url } : {}) };
}

async function findingById(ctx: CommandContext, id: string): Promise<Found> {
  const { comment, repo } = ctx.event;
  for await (const c of iterateComments(ctx.github, repo, "review", comment.prNumber)) {
    if (!mayBeOwnComment(ctx.services.identity, c)) continue;
    const marker = findingOf(c.body ?? "");
    if (marker?.rule && marker.fingerprint?.startsWith(id.toLowerCase())) {
      return { rule: marker.rule, fingerprint: marker.fingerprint, ...(c.html_url ? { url: c.html_url } : {}) };
    }
  }
  return { problem: `No elixir-agent comment on this pull request carries the finding id ${inlineCode(id)}.` };
}
