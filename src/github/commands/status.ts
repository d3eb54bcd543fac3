import { jobKey } from "../../pipeline/types.js";
import type { JobSnapshot } from "../../queue/types.js";
import { escapeMd, formatDuration, inlineCode } from "../../util/markdown.js";
import { readPullState } from "../state/store.js";
import type { CommandContext, CommandOutcome } from "./context.js";

/** `status`: what is queued or running for this PR, the last review of its head, pause and ignores. */
export async function status(ctx: CommandContext): Promise<CommandOutcome> {
  const { event, services } = ctx;
  const pull = await ctx.pull();
  const head = pull.pr.headSha;
  const repo = { owner: event.repo.owner, name: event.repo.name };
  // Jobs from check events of forks may not know the PR number yet: they are keyed by head SHA.
  const keys = new Set([jobKey({ repo: event.repo, pr: pull.pr }), `${repo.owner}/${repo.name}@${head}`]);
  const jobs = services.intake.queue.snapshot().filter((s) => keys.has(jobKey(s.request)));
  const [run, stored] = await Promise.all([ctx.lastReview(head), readPullState(ctx.github, repo, pull.pr.number, services.identity)]);

  const out = [`**Status of #${pull.pr.number}** — head ${inlineCode(head.slice(0, 7))}${pull.open ? "" : " (closed)"}`, ""];
  if (jobs.length === 0) out.push("- Nothing is queued or running.");
  for (const job of jobs) out.push(`- ${describeJob(job, services.now())}`);
  out.push(run ? `- Last check run on this head: ${run.status === "completed" ? `**${run.conclusion ?? "?"}** — ${escapeMd(run.title)}` : run.status.replace("_", " ")}${run.url ? ` ([details](${run.url}))` : ""}` : "- No check run on this head yet.");
  const { paused, ignored } = stored.state;
  out.push(paused ? `- Automatic reviews: ⏸️ paused by ${escapeMd(paused.by)} since ${paused.at.slice(0, 16).replace("T", " ")} UTC.` : "- Automatic reviews: ▶️ on.");
  out.push(ignored.length === 0 ? "- Ignored rules: none." : `- Ignored rules: ${ignored.map((r) => `${inlineCode(r.rule)} (${escapeMd(r.by)}${r.reason ? `: ${escapeMd(r.reason)}` : ""})`).join(", ")}.`);
  if (stored.problem) out.push(`- ⚠️ The state comment could not be read (${escapeMd(stored.problem)}); the next pause/ignore rewrites it.`);
  return { ok: true, body: out.join("\n") };
}

function describeJob(job: JobSnapshot, now: number): string {
  const r = job.request;
  const what = r.mode === "step" && r.step ? `re-run of ${inlineCode(r.step)}` : r.mode === "full" ? "full review" : "review";
  const who = r.requestedBy ? ` requested by ${escapeMd(r.requestedBy)}` : "";
  const icon = job.state === "running" ? "🔄 running" : "⏳ queued";
  return `${icon}: ${what} of ${inlineCode(r.pr.headSha.slice(0, 7))} (${r.trigger}${who}), for ${formatDuration(Math.max(0, now - job.since))}`;
}
