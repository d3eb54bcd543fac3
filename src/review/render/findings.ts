import { escapeMd, inlineCode } from "../../util/markdown.js";
import type { Finding } from "../finding.js";
import { ICON } from "./icons.js";
import { placementLabel, type PublicationInfo } from "./publication.js";

/** Every finding (up to `max`), most severe first, with where it went on the pull request. */
export function renderFindings(findings: readonly Finding[], max: number, publication?: PublicationInfo): string[] {
  if (findings.length === 0) return ["#### Findings", "", "None.", ""];
  const withPlacement = publication !== undefined;
  const out = [
    "#### Findings",
    "",
    withPlacement ? "| | where | source | finding | on the PR |" : "| | where | source | finding |",
    withPlacement ? "|---|---|---|---|---|" : "|---|---|---|---|",
  ];
  for (const f of findings.slice(0, max)) {
    const where = f.path ? inlineCode(`${f.path}${f.line ? `:${f.line}` : ""}`) : "project";
    const row = `| ${ICON[f.severity]} | ${where} | ${f.source} | ${escapeMd(f.title)} (${inlineCode(f.rule)}) |`;
    out.push(withPlacement ? `${row} ${placementLabel(publication.placement.get(f.fingerprint))} |` : row);
  }
  if (findings.length > max) out.push("", `… and ${findings.length - max} more findings (all of them are annotations on the changed files).`);
  out.push("");
  return out;
}
