import type { FindingSource } from "../../review/finding.js";
import { graphql } from "../graphql.js";
import type { GitHubClient } from "../octokit.js";
import { iterateList } from "../pages.js";
import { parseFindingMarker, parseFixedMarker, parseReviewMarker, parseWithdrawnMarker, type ReviewMarker } from "./markers.js";

export interface PullRef {
  owner: string;
  repo: string;
  number: number;
}

/** Who "we" are: a bot, and when the app's slug is known, that bot. */
export interface Identity {
  appSlug?: string;
}

export interface PriorReview {
  id: number;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED … */
  state: string;
  body: string;
  marker: ReviewMarker;
  /** We dismissed it ourselves (the gate passed later): not a human's dismissal. */
  withdrawn: boolean;
}

export interface PriorThread {
  threadId: string;
  commentId: number;
  body: string;
  path: string;
  fingerprint: string;
  source: FindingSource;
  isResolved: boolean;
  /** The code under the comment changed since it was posted. */
  isOutdated: boolean;
  /** Set when we marked the comment fixed (then a resolved thread was resolved by us). */
  fixedSha?: string;
  /** State of the review the comment belongs to (DISMISSED when it was dismissed). */
  reviewState?: string;
  reviewId?: number;
}

export interface PriorState {
  reviews: PriorReview[];
  threads: PriorThread[];
}

const PAGES = 10;

interface ListedReview {
  id: number;
  state: string;
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/** Our earlier reviews and inline threads on the PR, read from their hidden markers. */
export async function loadPriorState(github: GitHubClient, pull: PullRef, identity: Identity): Promise<PriorState> {
  const [reviews, threads] = [await loadReviews(github, pull, identity), await loadThreads(github, pull, identity)];
  return { reviews, threads };
}

export async function loadReviews(github: GitHubClient, pull: PullRef, identity: Identity): Promise<PriorReview[]> {
  const out: PriorReview[] = [];
  const route = "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews";
  for await (const r of iterateList<ListedReview>(github, route, { owner: pull.owner, repo: pull.repo, pull_number: pull.number }, PAGES)) {
    const marker = parseReviewMarker(r.body);
    if (!marker || !isUs(identity, r.user?.login, r.user?.type)) continue;
    out.push({ id: r.id, state: r.state, body: r.body ?? "", marker, withdrawn: parseWithdrawnMarker(r.body) !== undefined });
  }
  return out;
}

const THREADS = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          isOutdated
          path
          comments(first: 1) {
            nodes { databaseId body author { login __typename } pullRequestReview { databaseId state } }
          }
        }
      }
    }
  }
}`;

interface ThreadPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: {
          id: string;
          isResolved: boolean;
          isOutdated: boolean;
          path: string;
          comments: {
            nodes: { databaseId: number; body: string; author: { login: string; __typename?: string } | null; pullRequestReview: { databaseId: number; state: string } | null }[];
          };
        }[];
      };
    } | null;
  } | null;
}

export async function loadThreads(github: GitHubClient, pull: PullRef, identity: Identity): Promise<PriorThread[]> {
  const out: PriorThread[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < PAGES; page++) {
    const data: ThreadPage = await graphql<ThreadPage>(github, THREADS, { owner: pull.owner, repo: pull.repo, number: pull.number, cursor });
    const threads = data.repository?.pullRequest?.reviewThreads;
    if (!threads) break;
    for (const t of threads.nodes) {
      const first = t.comments.nodes[0];
      if (!first || !isUs(identity, first.author?.login, first.author?.__typename)) continue;
      const marker = parseFindingMarker(first.body);
      if (!marker) continue;
      const fixed = parseFixedMarker(first.body);
      out.push({
        threadId: t.id,
        commentId: first.databaseId,
        body: first.body,
        path: t.path,
        fingerprint: marker.fingerprint,
        source: marker.source,
        isResolved: t.isResolved,
        isOutdated: t.isOutdated,
        ...(fixed ? { fixedSha: fixed.sha } : {}),
        ...(first.pullRequestReview ? { reviewState: first.pullRequestReview.state, reviewId: first.pullRequestReview.databaseId } : {}),
      });
    }
    if (!threads.pageInfo.hasNextPage) break;
    cursor = threads.pageInfo.endCursor;
  }
  return out;
}

function isUs(identity: Identity, login: string | undefined, type: string | undefined): boolean {
  if (type !== "Bot") return false;
  if (identity.appSlug === undefined) return true;
  return login?.replace(/\[bot\]$/, "") === identity.appSlug;
}
