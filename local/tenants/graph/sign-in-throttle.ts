/**
 * Graph throttles sign-in activity reads far more than plain user reads. A token bucket per tenant: `capacity`
 * requests at once, refilled at `perMinute`; a request that finds it empty is told how long to wait.
 */
export class SignInActivityThrottle {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perMinute: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes one request's worth; returns 0 when allowed, or the seconds to wait before retrying. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 60_000) * this.perMinute);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - this.tokens) / this.perMinute) * 60));
  }
}
