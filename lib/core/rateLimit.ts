/**
 * Where the current rate-limit window of a sub-account started, as far as this process has seen.
 * HighLevel sends no reset time and no Retry-After (HIGHLEVEL.md §4), only the window's length and what
 * is left of it. The response that shows `Remaining = Max − 1` was the first of a window; remembering when
 * it arrived lets a 429 wait for the rest of that window instead of a whole one. Only an estimate, and
 * a late one (the window began when HighLevel received that request), so a wait is never too short.
 */

const windowStarts = new Map<string, number>();

interface HeaderSource {
  get(name: string): string | null;
}

const numberHeader = (headers: HeaderSource, name: string): number | undefined => {
  const value = Number(headers.get(name) ?? Number.NaN);
  return Number.isFinite(value) ? value : undefined;
};

/** Called for every HighLevel response: notes the start of a new window. */
export const noteRateLimitWindow = (
  locationId: string | undefined,
  headers: HeaderSource,
  now = Date.now(),
) => {
  if (!locationId) return;
  const max = numberHeader(headers, 'x-ratelimit-max');
  const remaining = numberHeader(headers, 'x-ratelimit-remaining');
  if (max !== undefined && remaining !== undefined && max > 0 && remaining === max - 1) {
    windowStarts.set(locationId, now);
  }
};

/** Seconds left in the window a 429 fell into, when this process saw that window start; else undefined. */
export const secondsLeftInWindow = (
  locationId: string | undefined,
  headers: HeaderSource,
  now = Date.now(),
): number | undefined => {
  const start = locationId ? windowStarts.get(locationId) : undefined;
  const interval = numberHeader(headers, 'x-ratelimit-interval-milliseconds');
  if (start === undefined || interval === undefined || interval <= 0) return undefined;
  const left = start + interval - now;
  return left > 0 ? Math.max(1, Math.ceil(left / 1000)) : undefined;
};

/** For tests. */
export const forgetRateLimitWindows = (): void => windowStarts.clear();
