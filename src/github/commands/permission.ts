import { statusOf, type GitHubClient } from "../octokit.js";

/** Repository roles, weakest first. */
export const LEVELS = ["none", "read", "triage", "write", "maintain", "admin"] as const;
export type Level = (typeof LEVELS)[number];

interface PermissionResponse {
  permission?: string;
  role_name?: string;
  user?: { permissions?: { admin?: boolean; maintain?: boolean; push?: boolean; triage?: boolean; pull?: boolean } } | null;
}

/**
 * The user's role on the repository, from `GET /repos/{owner}/{repo}/collaborators/{username}/permission`.
 * `permission` folds maintain into write and triage into read, so the finer `user.permissions`
 * flags and `role_name` decide when present. An unknown user has no access.
 */
export async function permissionOf(github: GitHubClient, repo: { owner: string; name: string }, username: string): Promise<Level> {
  let data: PermissionResponse;
  try {
    ({ data } = (await github.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
      owner: repo.owner,
      repo: repo.name,
      username,
    })) as { data: PermissionResponse });
  } catch (error) {
    if (statusOf(error) === 404) return "none";
    throw error;
  }
  const flags = data.user?.permissions ?? {};
  if (flags.admin || data.permission === "admin") return "admin";
  if (flags.maintain || data.role_name === "maintain") return "maintain";
  if (flags.push || data.permission === "write") return "write";
  if (flags.triage || data.role_name === "triage") return "triage";
  if (flags.pull || data.permission === "read") return "read";
  return "none";
}

export function atLeastLevel(level: Level, required: Level): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(required);
}
