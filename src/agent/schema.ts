import type { Tool } from "@anthropic-ai/sdk/resources/messages/messages";
import { z } from "zod";
import { SEVERITIES } from "../review/finding.js";

export const SUBMIT_TOOL = "submit_review";

/**
 * The structured answer, one per chunk. Built from the checklist ids (static for the whole
 * process, so the tool definition — part of the cached prefix — never changes between requests).
 * Lengths are asked for in descriptions, not enforced: an overlong string is cut after
 * validation instead of costing a repair call.
 */
export function answerSchema(itemIds: readonly [string, ...string[]]) {
  const item = z.enum(itemIds);
  return z
    .object({
      hypotheses: z
        .array(
          z
            .object({
              id: z.string().regex(/^H\d+$/).describe("The hypothesis id as given in the request, e.g. `H3`."),
              verdict: z
                .enum(["confirmed", "rejected", "uncertain"])
                .describe("`confirmed`: the analyzer is right here; `rejected`: a false positive; `uncertain`: the diff does not show enough."),
              reason: z.string().describe("One sentence saying why, citing the code."),
            })
            .describe("Your verdict on one analyzer hypothesis."),
        )
        .describe("A verdict for every analyzer hypothesis shown in this request (empty when none were shown)."),
      checklist: z
        .array(
          z
            .object({
              item: item.describe("Checklist item id."),
              status: z
                .enum(["pass", "concern", "fail", "not_applicable"])
                .describe(
                  "`pass`: the change meets the item; `concern`: a likely problem worth a human look; `fail`: the change clearly violates the item (evidence required); `not_applicable`: the change does not touch this area.",
                ),
              evidence: z
                .string()
                .describe("At most two sentences citing `path:line`, a tool result or a hypothesis id. Required for concern and fail."),
            })
            .describe("The evaluation of one checklist item."),
        )
        .describe("One entry per checklist item that is not switched off, each item once."),
      comments: z
        .array(
          z
            .object({
              path: z.string().describe("Repository-relative path of a file shown in this request."),
              line: z
                .number()
                .int()
                .min(1)
                .describe("New-side line number as printed in the diff (a `+` or context line, never a `-` line)."),
              endLine: z
                .number()
                .int()
                .min(1)
                .optional()
                .describe("Last new-side line of a multi-line range, in the same hunk; omit for a single line."),
              severity: z
                .enum(SEVERITIES)
                .describe("`blocker`: breaks correctness or security; `major`: should be fixed before merging; `minor`: worth fixing; `info`: a note."),
              checklistItem: item.optional().describe("The checklist item this comment is evidence for, when there is one."),
              title: z.string().describe("One line, at most 120 characters: what is wrong."),
              body: z
                .string()
                .describe("Markdown, at most 120 words: what is wrong, why it matters in Elixir/OTP, how to fix it."),
              suggestion: z
                .string()
                .optional()
                .describe("Replacement code for lines `line`..`endLine` exactly as they should read, without fences; only when the fix is certain."),
            })
            .describe("One inline review comment."),
        )
        .describe("Few inline comments, each one right and on the line it is about; none is better than a doubtful one."),
      summary: z
        .string()
        .describe("Two to five sentences for the author: the most important findings first. Never approve or reject the PR."),
    })
    .describe("Your review of the part of the change shown in this request.");
}

export type Answer = z.infer<ReturnType<typeof answerSchema>>;

/** The one tool the model gets. It records the answer and does nothing else. */
export function submitTool(schema: ReturnType<typeof answerSchema>): Tool {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema) as Record<string, unknown>;
  return {
    name: SUBMIT_TOOL,
    description:
      "Records your review of this part of the change. Call it exactly once. It has no other effect: it cannot approve, merge, comment, run code or fetch anything.",
    input_schema: jsonSchema as Tool["input_schema"],
  };
}
