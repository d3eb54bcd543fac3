import type { JobRequest } from "../pipeline/types.js";
import type { GitHubClient } from "./octokit.js";
import { iterateList } from "./pages.js";
import type { PayloadPull } from "./handlers/request.js";
import { pullOf } from "./handlers/request.js";

export class PullNotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PullNotFound";
  }
}

/**
 * Completes a request that came from a check event: finds the PR (fork pushes carry an empty
 * `pull_requests` array, so search open PRs by head SHA) and uses its CURRENT head. A
 * `pull_request` payload, and a command (whose runner fetched the PR just before queueing it),
 * already carry the whole PR; a newer push supersedes them in the queue.
 */
export async function resolvePull(github: GitHubClient, request: JobRequest): Promise<JobRequest> {
  const { owner, name } = request.repo;
  const complete = request.pr.number !== undefined && request.pr.baseRef !== undefined && request.pr.title !== undefined;
  if (complete && (request.trigger === "pull_request" || request.trigger === "command")) return request;
  let pull: PayloadPull | undefined;
  if (request.pr.number !== undefined) {
    const { data } = await github.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      owner,
      repo: name,
      pull_number: request.pr.number,
    });
    pull = data as PayloadPull;
  } else {
    for await (const open of iterateList<PayloadPull>(github, "GET /repos/{owner}/{repo}/pulls", { owner, repo: name, state: "open" }, 10)) {
      if (open.head.sha !== request.pr.headSha) continue;
      pull = open;
      break;
    }
  }
  if (!pull) throw new PullNotFound(`No open pull request has head ${request.pr.headSha.slice(0, 12)}.`);
  return { ...request, pr: pullOf(pull) };
}
