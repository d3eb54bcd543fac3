import type { JobRequest } from "../pipeline/types.js";
import type { GitHubClient } from "./octokit.js";
import type { PayloadPull } from "./handlers/request.js";
import { pullOf } from "./handlers/request.js";

export class PullNotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PullNotFound";
  }
}

/**
 * Completes a request that came from a check event or a command: finds the PR (fork pushes carry
 * an empty `pull_requests` array, so search open PRs by head SHA) and uses its CURRENT head.
 */
export async function resolvePull(github: GitHubClient, request: JobRequest): Promise<JobRequest> {
  const { owner, name } = request.repo;
  const complete = request.pr.number !== undefined && request.pr.baseRef !== undefined && request.pr.title !== undefined;
  if (complete && request.trigger === "pull_request") return request;
  let pull: PayloadPull | undefined;
  if (request.pr.number !== undefined) {
    const { data } = await github.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      owner,
      repo: name,
      pull_number: request.pr.number,
    });
    pull = data as PayloadPull;
  } else {
    for (let page = 1; page <= 10 && !pull; page++) {
      const { data } = await github.request("GET /repos/{owner}/{repo}/pulls", { owner, repo: name, state: "open", per_page: 100, page });
      const pulls = data as PayloadPull[];
      pull = pulls.find((p) => p.head.sha === request.pr.headSha);
      if (pulls.length < 100) break;
    }
  }
  if (!pull) throw new PullNotFound(`No open pull request has head ${request.pr.headSha.slice(0, 12)}.`);
  return { ...request, pr: pullOf(pull) };
}
