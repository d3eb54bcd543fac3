/** What the limiter says about one more command on a pull request. */
export type RateDecision =
  | { allowed: true }
  /** `notify`: the first refusal in this window gets a reply; later ones only a reaction. */
  | { allowed: false; notify: boolean; retryAfterMs: number };

/**
 * A sliding-window limit per key (a pull request). In memory: a restart forgets the window, which
 * errs towards answering. Every command that reaches the limiter counts, refused ones included, so
 * nobody can make the app post replies without bound.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly notified = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  take(key: string, limit: { count: number; windowMinutes: number }): RateDecision {
    const now = this.now();
    const windowMs = limit.windowMinutes * 60_000;
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length < limit.count) {
      recent.push(now);
      this.hits.set(key, recent);
      this.notified.delete(key);
      return { allowed: true };
    }
    this.hits.set(key, recent);
    const retryAfterMs = windowMs - (now - recent[0]!);
    const last = this.notified.get(key);
    const notify = last === undefined || now - last >= windowMs;
    if (notify) this.notified.set(key, now);
    this.prune(now, windowMs);
    return { allowed: false, notify, retryAfterMs };
  }

  private prune(now: number, windowMs: number): void {
    if (this.hits.size < 10_000) return;
    for (const [key, times] of this.hits) if (times.every((t) => now - t >= windowMs)) this.hits.delete(key);
  }
}
