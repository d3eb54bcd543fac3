import type { JobRequest } from "../../pipeline/types.js";
import { pullOf, type PayloadPull } from "../handlers/request.js";
import type { GitHubClient } from "../octokit.js";
import type { RepoRef } from "./comment.js";

export interface PullInfo {
  pr: JobRequest["pr"] & { number: number };
  open: boolean;
  htmlUrl?: string;
}

/** The pull request as it is NOW (a comment event carries no head SHA, or a stale one). */
export async function fetchPull(github: GitHubClient, repo: RepoRef, number: number): Promise<PullInfo> {
  const { data } = await github.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { owner: repo.owner, repo: repo.name, pull_number: number });
  const pull = data as PayloadPull & { state?: string; html_url?: string };
  return {
    pr: { ...pullOf(pull), number: pull.number },
    open: pull.state === "open",
    ...(pull.html_url ? { htmlUrl: pull.html_url } : {}),
  };
}
