import { CHECK_NAME } from "../check-run.js";
import type { AppIdentity } from "../identity.js";
import type { GitHubClient } from "../octokit.js";
import type { RepoRef } from "./comment.js";

export interface CheckRunInfo {
  id: number;
  status: "queued" | "in_progress" | "completed" | string;
  conclusion: string | null;
  title: string;
  summary: string;
  url?: string;
}

interface ListedRun {
  id: number;
  status: string;
  conclusion: string | null;
  html_url?: string;
  started_at?: string | null;
  app?: { id?: number } | null;
  output?: { title?: string | null; summary?: string | null };
}

/** Our latest check run on a commit: the last review's verdict and evidence (its summary). */
export async function lastReview(github: GitHubClient, repo: RepoRef, headSha: string, identity: AppIdentity): Promise<CheckRunInfo | undefined> {
  const { data } = await github.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
    owner: repo.owner,
    repo: repo.name,
    ref: headSha,
    check_name: CHECK_NAME,
    ...(identity.appId !== undefined ? { app_id: identity.appId } : {}),
    filter: "latest",
    per_page: 20,
  });
  const runs = ((data as { check_runs?: ListedRun[] }).check_runs ?? [])
    .filter((r) => identity.appId === undefined || r.app?.id === identity.appId)
    .sort((a, b) => (b.started_at ?? "").localeCompare(a.started_at ?? ""));
  const run = runs[0];
  if (!run) return undefined;
  return {
    id: run.id,
    status: run.status,
    conclusion: run.conclusion,
    title: run.output?.title ?? "",
    summary: run.output?.summary ?? "",
    ...(run.html_url ? { url: run.html_url } : {}),
  };
}

/** A `#### Heading` section of a summary, up to the next heading or the footer line. */
export function summarySection(summary: string, heading: string): string | undefined {
  const lines = summary.split("\n");
  const start = lines.findIndex((l) => l.trim() === `#### ${heading}`);
  if (start < 0) return undefined;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith("#### ") || l.startsWith("### ") || l.startsWith("<sub>"));
  return (end < 0 ? rest : rest.slice(0, end)).join("\n").trim();
}
