/** lib/core/rateLimit.ts: the start of a sub-account's rate-limit window, seen from its first response. */
import {
  forgetRateLimitWindows,
  noteRateLimitWindow,
  secondsLeftInWindow,
} from '../../../lib/core/rateLimit';
import { throttleDelaySeconds } from '../../../lib/core/errors';

const headers = (values: Record<string, string>) => new Headers(values);
const window = (remaining: number) =>
  headers({
    'x-ratelimit-max': '100',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-interval-milliseconds': '10000',
  });

beforeEach(() => forgetRateLimitWindows());

describe('rate-limit windows', () => {
  it('knows what is left of a window whose first response it saw', () => {
    noteRateLimitWindow('loc1', window(99), 1_000);
    noteRateLimitWindow('loc1', window(50), 2_000);
    expect(secondsLeftInWindow('loc1', window(0), 4_500)).toBe(7); // 6.5 s left, rounded up
    expect(secondsLeftInWindow('loc1', window(0), 10_900)).toBe(1); // never less than a second
  });

  it('knows nothing of a window it did not see start, of other sub-accounts, or of a window that ended', () => {
    noteRateLimitWindow('loc1', window(50), 1_000);
    expect(secondsLeftInWindow('loc1', window(0), 2_000)).toBeUndefined();
    noteRateLimitWindow('loc1', window(99), 1_000);
    expect(secondsLeftInWindow('loc2', window(0), 2_000)).toBeUndefined();
    expect(secondsLeftInWindow('loc1', window(0), 11_001)).toBeUndefined();
    expect(secondsLeftInWindow(undefined, window(0), 2_000)).toBeUndefined();
  });

  it('ignores responses without the headers', () => {
    noteRateLimitWindow('loc1', headers({}), 1_000);
    expect(secondsLeftInWindow('loc1', window(0), 2_000)).toBeUndefined();
  });
});

describe('the 429 delay', () => {
  const throttled = (extra: Record<string, string> = {}) =>
    headers({ 'x-ratelimit-interval-milliseconds': '10000', 'x-ratelimit-remaining': '0', ...extra });

  it('prefers Retry-After, then the rest of the window, then the whole window', () => {
    expect(throttleDelaySeconds(throttled({ 'retry-after': '3' }), 7)).toBe(3);
    expect(throttleDelaySeconds(throttled(), 7)).toBe(7);
    expect(throttleDelaySeconds(throttled())).toBe(10);
  });

  it('waits for the day when the daily budget is used up', () => {
    expect(throttleDelaySeconds(throttled({ 'x-ratelimit-daily-remaining': '0' }), 7)).toBe(3600);
  });
});
