import type { Finding, Severity } from "../review/finding.js";
import { oneLine, prefixWithinBytes } from "../util/markdown.js";
import { LIMITS } from "./limits.js";

export type AnnotationLevel = "failure" | "warning" | "notice";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
  raw_details?: string;
}


export interface AnnotationOptions {
  redact: (text: string) => string;
  /** The AI review counts for the gate (opted in): its findings may be `failure` annotations. */
  agentGates: boolean;
}

/**
 * Every finding with a location becomes an annotation (at most `LIMITS.annotationsPerRun`):
 * blocker/major → failure, minor → warning, info → notice. Findings of an AI review that does not
 * gate are advisory and never shown as `failure`.
 */
export function toAnnotations(findings: readonly Finding[], options: AnnotationOptions): Annotation[] {
  return findings
    .filter((f): f is Finding & { path: string; line: number } => f.path !== undefined && f.line !== undefined && f.line > 0)
    .slice(0, LIMITS.annotationsPerRun)
    .map((f) => {
      let level = levelOf(f.severity);
      if (f.source === "agent" && !options.agentGates && level === "failure") level = "warning";
      const text = (s: string) => prefixWithinBytes(options.redact(s), LIMITS.annotationTextBytes);
      return {
        path: f.path,
        start_line: f.line,
        end_line: f.endLine !== undefined && f.endLine >= f.line ? f.endLine : f.line,
        annotation_level: level,
        title: oneLine(options.redact(`[${f.source}] ${f.title}`), LIMITS.title),
        message: text(f.message || f.title),
        ...(f.evidence ? { raw_details: text(f.evidence) } : {}),
      };
    });
}

export function levelOf(severity: Severity): AnnotationLevel {
  return severity === "blocker" || severity === "major" ? "failure" : severity === "minor" ? "warning" : "notice";
}
