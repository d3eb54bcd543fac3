import { afterEach, describe, expect, it } from "vitest";
import { mergeAnswers, placeComments } from "../../src/agent/merge.js";
import type { Answer } from "../../src/agent/schema.js";
import { makeChange } from "./helpers.js";
import { SHOP_BASE, SHOP_HEAD } from "./shop.js";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function shopDiff() {
  const c = makeChange(SHOP_BASE, SHOP_HEAD);
  cleanup = c.cleanup;
  return c.diff;
}

type Comment = Answer["comments"][number];
const comment = (over: Partial<Comment>): Comment => ({ path: "lib/shop/worker.ex", line: 7, severity: "minor", title: "t", body: "b", ...over });
const answer = (over: Partial<Answer>): Answer => ({ hypotheses: [], checklist: [], comments: [], summary: "s", ...over });

describe("placeComments", () => {
  it("keeps comments on commentable lines and moves the others to the summary", () => {
    const diff = shopDiff();
    const { inline, moved } = placeComments(
      [
        comment({ line: 7, title: "sleep in init" }),
        comment({ path: "lib/shop/cart.ex", line: 4, title: "outside any hunk" }),
        comment({ path: "lib/shop/nowhere.ex", line: 1, title: "not in the change" }),
        comment({ path: "mix.exs", line: 1, title: "unchanged file" }),
      ],
      diff,
    );
    expect(inline.map((f) => f.title)).toEqual(["sleep in init"]);
    expect(moved.map((f) => f.title)).toEqual(["outside any hunk", "not in the change", "unchanged file"]);
    expect(inline[0]).toMatchObject({ source: "agent", rule: "agent/review", path: "lib/shop/worker.ex", line: 7 });
  });

  it("moves comments on files the model was not shown, even on commentable lines", () => {
    const diff = shopDiff();
    const { inline, moved } = placeComments(
      [comment({ path: "mix.lock", line: 2, title: "lockfile" }), comment({ line: 7, title: "shown" })],
      diff,
      new Set(["lib/shop/worker.ex"]),
    );
    expect(diff.find((f) => f.path === "mix.lock")!.commentableLines).toContain(2);
    expect(inline.map((f) => f.title)).toEqual(["shown"]);
    expect(moved.map((f) => f.title)).toEqual(["lockfile"]);
  });

  it("keeps a range inside one hunk, shrinks a range that leaves it and drops its suggestion", () => {
    const diff = shopDiff();
    const { inline } = placeComments(
      [
        comment({ line: 6, endLine: 9, suggestion: "ok", title: "range" }),
        comment({ line: 6, endLine: 40, suggestion: "for 6-40", title: "too long" }),
        comment({ line: 11, endLine: 11, suggestion: "one line", title: "same line" }),
      ],
      diff,
    );
    expect(inline[0]).toMatchObject({ line: 6, endLine: 9, suggestion: "ok" });
    expect(inline[1]).toMatchObject({ line: 6 });
    expect(inline[1]).not.toHaveProperty("endLine");
    expect(inline[1]).not.toHaveProperty("suggestion");
    expect(inline[2]).toMatchObject({ line: 11, suggestion: "one line" });
    expect(inline[2]).not.toHaveProperty("endLine");
  });
});

describe("mergeAnswers", () => {
  it("takes the worst status per item, caps comments by severity and lists the overflow", () => {
    const diff = shopDiff();
    const merged = mergeAnswers(
      [
        answer({
          checklist: [
            { item: "otp-behaviours", status: "pass", evidence: "fine here" },
            { item: "credo", status: "not_applicable", evidence: "" },
            { item: "documentation", status: "pass", evidence: "disabled item" },
          ],
          comments: [comment({ line: 1, severity: "info", title: "note" }), comment({ line: 7, severity: "major", title: "sleep" })],
          hypotheses: [{ id: "H2", verdict: "rejected", reason: "literal" }, { id: "H9", verdict: "confirmed", reason: "no such" }],
          summary: "first part",
        }),
        answer({
          checklist: [{ item: "otp-behaviours", status: "fail", evidence: "worker.ex:7 sleeps" }],
          comments: [comment({ line: 7, severity: "major", title: "sleep" }), comment({ line: 11, severity: "blocker", title: "crash" })],
          summary: "second part",
        }),
      ],
      { diff, items: ["otp-behaviours", "credo", "tests-pass"], hypothesisCount: 3, maxComments: 2 },
    );
    expect(merged.checklist).toEqual([
      { item: "otp-behaviours", status: "fail", evidence: "worker.ex:7 sleeps" },
      { item: "credo", status: "not_applicable", evidence: "" },
    ]);
    expect(merged.findings.map((f) => `${f.severity} ${f.title}`)).toEqual(["blocker crash", "major sleep"]);
    expect(merged.hypotheses).toEqual([{ index: 1, verdict: "rejected", reason: "literal" }]);
    expect(merged.summary).toContain("**Part 1:** first part");
    expect(merged.summary).toContain("**Part 2:** second part");
    expect(merged.summary).toContain("Further notes (over the inline comment limit):\n- `lib/shop/worker.ex:1` (info) note");
  });
});
