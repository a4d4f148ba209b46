/**
 * HighLevel's per-app, per-resource limits (docs/Authorization.md): a burst window (100 requests per
 * 10 s) and a daily budget (200,000), reported on every API response with these headers.
 * The burst window is fixed (it restarts with the first request after it elapsed).
 */

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds until the burst window (or the day) resets. */
  retryAfterSeconds: number;
}

interface Window {
  start: number;
  count: number;
}

const DAY_MS = 86_400_000;

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly days = new Map<string, Window>();

  constructor(
    public max: number,
    public intervalMs: number,
    public dailyLimit: number,
  ) {}

  hit(key: string, now: number): RateLimitDecision {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.intervalMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
    let day = this.days.get(key);
    if (!day || day.start !== dayStart) {
      day = { start: dayStart, count: 0 };
      this.days.set(key, day);
    }
    const burstExceeded = window.count >= this.max;
    const dailyExceeded = day.count >= this.dailyLimit;
    const allowed = !burstExceeded && !dailyExceeded;
    if (allowed) {
      window.count += 1;
      day.count += 1;
    }
    const retryAfterMs = dailyExceeded ? dayStart + DAY_MS - now : window.start + this.intervalMs - now;
    return {
      allowed,
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
      headers: {
        'X-RateLimit-Max': String(this.max),
        'X-RateLimit-Remaining': String(Math.max(0, this.max - window.count)),
        'X-RateLimit-Interval-Milliseconds': String(this.intervalMs),
        'X-RateLimit-Limit-Daily': String(this.dailyLimit),
        'X-RateLimit-Daily-Remaining': String(Math.max(0, this.dailyLimit - day.count)),
      },
    };
  }

  reset(): void {
    this.windows.clear();
    this.days.clear();
  }
}
