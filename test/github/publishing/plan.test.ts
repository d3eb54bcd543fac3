import { afterAll, describe, expect, it } from "vitest";
import { planReview, type PlanInput } from "../../../src/github/review/plan.js";
import type { PriorReview, PriorThread } from "../../../src/github/review/state.js";
import type { Finding } from "../../../src/review/finding.js";
import { parseUnifiedDiff } from "../../../src/workspace/diff.js";
import { TestRepo } from "../../helpers/git-repo.js";

const HEAD = "d".repeat(40);
const lines = (n: number, edit: (i: number) => string | undefined = () => undefined) =>
  Array.from({ length: n }, (_, i) => edit(i + 1) ?? `  def f${i + 1}, do: ${i + 1}`).join("\n") + "\n";

// A real diff: lib/a.ex changed at lines 5-6 and 30 (two hunks), lib/b.ex added.
const repo = new TestRepo();
repo.write({ "lib/a.ex": lines(40) });
const base = repo.commit("base");
repo.write({ "lib/a.ex": lines(40, (i) => (i === 5 || i === 6 ? `  def changed${i}, do: :new` : i === 30 ? "  def thirty, do: 30" : undefined)), "lib/b.ex": "defmodule B do\nend\n" });
repo.commit("change");
const diff = parseUnifiedDiff(repo.git("diff", "--no-color", `${base}..HEAD`));
afterAll(() => repo.cleanup());

let n = 0;
const finding = (over: Partial<Finding> = {}): Finding => ({
  source: "analyzer",
  rule: "otp/x",
  severity: "minor",
  path: "lib/a.ex",
  line: 5,
  title: "t",
  message: "m",
  fingerprint: (++n).toString(16).padStart(16, "0"),
  ...over,
});
const thread = (f: Finding, over: Partial<PriorThread> = {}): PriorThread => ({
  threadId: `T_${f.fingerprint}`,
  commentId: 1,
  body: "",
  path: f.path!,
  fingerprint: f.fingerprint,
  source: f.source,
  isResolved: false,
  isOutdated: false,
  reviewId: 1,
  reviewState: "COMMENTED",
  ...over,
});
const review = (over: Partial<PriorReview> = {}): PriorReview => ({
  id: 1,
  state: "COMMENTED",
  body: "",
  marker: { headSha: "e".repeat(40), jobId: "job-0", fingerprints: [] },
  withdrawn: false,
  ...over,
});
const plan = (over: Partial<PlanInput>) =>
  planReview({ findings: [], diff, prior: { reviews: [], threads: [] }, headSha: HEAD, maxComments: 10, requestChanges: false, conclusion: "neutral", covered: () => true, ...over });

describe("planning the review", () => {
  it("comments only on diff lines; everything else goes to the summary with the reason", () => {
    const inDiff = finding({ line: 6 });
    const outside = finding({ line: 20 });
    const otherFile = finding({ path: "lib/untouched.ex" });
    const { path: _path, line: _line, ...project } = finding({ title: "No CI configuration" });
    const p = plan({ findings: [inDiff, outside, otherFile, project] });
    expect(p.comments.map((c) => c.finding)).toEqual([inDiff]);
    expect(p.comments[0]!.placement).toEqual({ path: "lib/a.ex", line: 6, side: "RIGHT", exactRange: true });
    expect(p.dispositions.get(outside.fingerprint)).toEqual({ kind: "summary", note: "line outside the diff" });
    expect(p.dispositions.get(otherFile.fingerprint)).toEqual({ kind: "summary", note: "file not changed by this pull request" });
    expect(p.dispositions.get(project.fingerprint)).toEqual({ kind: "summary", note: "about the whole project" });
    expect(p).toMatchObject({ post: true, event: "COMMENT" });
  });

  it("a range inside one hunk gets start_line; a range across hunks shrinks to its first line and loses exactness", () => {
    const range = finding({ line: 4, endLine: 7 });
    const across = finding({ line: 6, endLine: 30 });
    const p = plan({ findings: [range, across] });
    expect(p.comments.map((c) => c.placement)).toEqual([
      { path: "lib/a.ex", start_line: 4, start_side: "RIGHT", line: 7, side: "RIGHT", exactRange: true },
      { path: "lib/a.ex", line: 6, side: "RIGHT", exactRange: false },
    ]);
  });

  it("keeps at most maxComments, the most severe", () => {
    const minor = finding({ severity: "minor", line: 5 });
    const blocker = finding({ severity: "blocker", line: 6 });
    const major = finding({ severity: "major", line: 30 });
    const p = plan({ findings: [minor, blocker, major], maxComments: 2 });
    expect(p.comments.map((c) => c.finding.severity)).toEqual(["blocker", "major"]);
    expect(p.dispositions.get(minor.fingerprint)).toEqual({ kind: "summary", note: "over the limit of 2 comments per review" });
  });

  it("never repeats: open threads stay, human resolutions, dismissals and deletions are final", () => {
    const open = finding({ line: 5 });
    const resolvedByHuman = finding({ line: 6 });
    const dismissed = finding({ line: 30 });
    const deleted = finding({ path: "lib/b.ex", line: 1 });
    const backAfterFix = finding({ path: "lib/b.ex", line: 2 });
    const p = plan({
      findings: [open, resolvedByHuman, dismissed, deleted, backAfterFix],
      prior: {
        reviews: [review({ marker: { headSha: "e".repeat(40), jobId: "j", fingerprints: [deleted.fingerprint, backAfterFix.fingerprint] } }), review({ id: 2, state: "DISMISSED" })],
        threads: [
          thread(open),
          thread(resolvedByHuman, { isResolved: true }),
          thread(dismissed, { reviewId: 2, reviewState: "DISMISSED" }),
          thread(backAfterFix, { isResolved: true, fixedSha: "f".repeat(40) }),
        ],
      },
    });
    expect(p.dispositions.get(open.fingerprint)).toEqual({ kind: "open", note: "already commented" });
    expect(p.dispositions.get(resolvedByHuman.fingerprint)).toEqual({ kind: "suppressed", note: "a reviewer resolved it" });
    expect(p.dispositions.get(dismissed.fingerprint)).toEqual({ kind: "suppressed", note: "its review was dismissed" });
    expect(p.dispositions.get(deleted.fingerprint)).toEqual({ kind: "suppressed", note: "its comment was deleted" });
    expect(p.comments.map((c) => c.finding)).toEqual([backAfterFix]);
  });

  it("our own withdrawal of a change request is not a human dismissal", () => {
    const f = finding();
    const p = plan({ findings: [f], prior: { reviews: [review({ id: 3, state: "DISMISSED", withdrawn: true })], threads: [thread(f, { reviewId: 3, reviewState: "DISMISSED" })] } });
    expect(p.dispositions.get(f.fingerprint)).toEqual({ kind: "open", note: "already commented" });
  });

  it("marks fixed only open threads whose finding is gone and whose source looked again", () => {
    const gone = finding();
    const goneButNotCovered = finding({ path: "lib/b.ex" });
    const agentSame = finding({ source: "agent" });
    const agentChanged = finding({ source: "agent" });
    const humanResolved = finding();
    const p = plan({
      findings: [],
      covered: (_source, path) => path === "lib/a.ex",
      prior: {
        reviews: [],
        threads: [thread(gone), thread(goneButNotCovered), thread(agentSame), thread(agentChanged, { isOutdated: true }), thread(humanResolved, { isResolved: true })],
      },
    });
    expect(p.fixed.map((t) => t.fingerprint)).toEqual([gone.fingerprint, agentChanged.fingerprint]);
  });

  it("one review per head SHA: a re-run lists new findings in the summary instead", () => {
    const f = finding();
    const p = plan({ findings: [f], prior: { reviews: [review({ marker: { headSha: HEAD, jobId: "earlier", fingerprints: [] } })], threads: [] } });
    expect(p).toMatchObject({ post: false, comments: [] });
    expect(p.dispositions.get(f.fingerprint)).toEqual({ kind: "summary", note: "this commit was already reviewed" });
  });

  it("requests changes per policy, once while the request stands, and withdraws it when the gate passes", () => {
    const failing = { requestChanges: true, conclusion: "failure" as const };
    expect(plan({ ...failing, findings: [finding()] })).toMatchObject({ event: "REQUEST_CHANGES", post: true });
    expect(plan({ ...failing })).toMatchObject({ event: "REQUEST_CHANGES", post: true });
    expect(plan({ ...failing, prior: { reviews: [review({ state: "CHANGES_REQUESTED" })], threads: [] } })).toMatchObject({ post: false });
    expect(plan({ ...failing, prior: { reviews: [review({ state: "CHANGES_REQUESTED" }), review({ id: 2, state: "DISMISSED" })], threads: [] } })).toMatchObject({ post: true });
    expect(plan({ requestChanges: false, conclusion: "failure" })).toMatchObject({ event: "COMMENT", post: false });
    const stale = review({ state: "CHANGES_REQUESTED" });
    expect(plan({ conclusion: "success", prior: { reviews: [stale], threads: [] } }).dismiss).toEqual([stale]);
    expect(plan({ conclusion: "neutral", prior: { reviews: [stale], threads: [] } }).dismiss).toEqual([]);
  });
});
