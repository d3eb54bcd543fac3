/** Who "we" are on GitHub: comments and check runs by the app itself are recognised by these. */
export interface AppIdentity {
  appId: number | undefined;
  /** The app's slug: its bot user is `<slug>[bot]`. */
  appSlug: string | undefined;
}

export interface CommentAuthor {
  user?: { login: string; type?: string } | null;
  performed_via_github_app?: { id?: number | null } | null;
}

/** A comment our app wrote: made through our app (issue comments say so) or by our bot user. */
export function isOwnComment(identity: AppIdentity, comment: CommentAuthor): boolean {
  if (identity.appId !== undefined && comment.performed_via_github_app?.id === identity.appId) return true;
  return identity.appSlug !== undefined && comment.user?.type === "Bot" && comment.user.login === `${identity.appSlug}[bot]`;
}

/**
 * For comments GitHub does not tie to an app (review comments carry no `performed_via_github_app`):
 * our bot's, or any bot's while the app's slug is not configured (`APP_SLUG`).
 */
export function mayBeOwnComment(identity: AppIdentity, comment: CommentAuthor): boolean {
  return isOwnComment(identity, comment) || (identity.appSlug === undefined && comment.user?.type === "Bot");
}

/** Any bot or app: their comments never run commands (no loops between bots). */
export function isBot(author: { login: string; type?: string } | null | undefined, viaApp?: unknown): boolean {
  if (!author) return true;
  return author.type !== "User" || author.login.endsWith("[bot]") || (viaApp !== null && viaApp !== undefined);
}
