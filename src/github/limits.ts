/**
 * GitHub's documented (and observed) limits for what we send. Text limits are enforced in UTF-8
 * bytes: the Checks API rejects summaries with "exceeds a maximum bytesize of 65535" although its
 * docs say characters, and bytes are never fewer than characters.
 */
export const LIMITS = {
  /** check run `output.summary` / `output.text`. */
  checkOutputBytes: 65_535,
  /** check run `output.title` and annotation `title`. */
  title: 255,
  /** Annotations per create/update request. */
  annotationsPerRequest: 50,
  /** Annotation `message` / `raw_details` (64 KB). */
  annotationTextBytes: 64 * 1024 - 1,
  /** Annotations we send per check run at most (each batch is one write). */
  annotationsPerRun: 1000,
  /** Issue / review / review-comment bodies. */
  commentBodyBytes: 65_536,
  /** Check run `actions`: at most 3; label ≤ 20, description ≤ 40, identifier ≤ 20 characters. */
  actions: 3,
  actionLabel: 20,
  actionDescription: 40,
  actionIdentifier: 20,
} as const;
