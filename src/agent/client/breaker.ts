/**
 * A circuit breaker for the Anthropic API. After `threshold` consecutive failed attempts
 * (overload, rate limit, 5xx, timeouts, connection errors) it opens: calls fail at once, without
 * a request, for `cooldownMs`. Then one trial call is let through (half-open); its success closes
 * the breaker, its failure opens it again. One breaker is shared by every review in the process,
 * so a storm of 529s stops costing time across jobs too.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(
    readonly threshold = 5,
    readonly cooldownMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): "closed" | "open" | "half-open" {
    if (this.openedAt === undefined) return "closed";
    return this.now() - this.openedAt >= this.cooldownMs ? "half-open" : "open";
  }

  /** Milliseconds until a trial call is allowed (0 when calls may go through). */
  retryInMs(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.cooldownMs - (this.now() - this.openedAt));
  }

  /** True when a request may be sent now. In half-open state only one trial runs at a time. */
  tryPass(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  failure(): void {
    this.failures++;
    if (this.trialInFlight || this.failures >= this.threshold) this.openedAt = this.now();
    this.trialInFlight = false;
  }

  /** Forget a trial that ended without a verdict (the caller aborted or the error was ours). */
  release(): void {
    this.trialInFlight = false;
  }
}
