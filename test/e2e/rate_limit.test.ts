/**
 * HighLevel's burst limit end to end: the sandbox limits like HighLevel (scaled down here), the app turns a
 * 429 into a ThrottledError with a delay from the response, and a Zap that waits that long gets through.
 */
import { errorDetails } from '../../lib/core/errors';
import { throttledDetails } from '../../scripts/lib/runtime';
import { startE2E, type E2E } from './harness';

const BURST = { max: 5, intervalMs: 2_000 };

const throttledOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, ...throttledDetails(error), details: errorDetails(error) };
  }
  throw new Error('expected the promise to reject');
};

describe('a 429 burst', () => {
  let e2e: E2E;
  afterEach(() => e2e.close());

  it('surfaces ThrottledError with the window as the delay once the burst is used up', async () => {
    // A stopped sandbox clock: the six calls fall into one window however slow the machine is.
    const now = Date.now();
    e2e = await startE2E({ sandbox: { rateLimit: BURST, clock: () => now } });
    const mark = e2e.mark();
    for (let call = 0; call < BURST.max; call += 1) await e2e.run('authentication.test');

    const throttled = await throttledOf(e2e.run('authentication.test'));
    expect(throttled.name).toBe('ThrottledError');
    expect(throttled.message).toMatch(/rate limit for this sub-account was reached/);
    // Retry-After when the sandbox sends it, else the window length: never more than the window.
    expect(throttled.delaySeconds).toBeGreaterThanOrEqual(1);
    expect(throttled.delaySeconds).toBeLessThanOrEqual(BURST.intervalMs / 1000);

    const statuses = e2e.requestsSince(mark).map((request) => request.status);
    // A 429 is not retried by the app (Zapier schedules the retry): exactly one request was refused.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(e2e.events).toEqual([expect.objectContaining({ type: 'throttled', retried: false })]);
  });

  it('gets through when the Zap waits the delay it was given', async () => {
    e2e = await startE2E({
      sandbox: { rateLimit: BURST },
      throttle: { retries: 2, maxWaitSeconds: BURST.intervalMs / 1000 },
    });
    const mark = e2e.mark();
    for (let call = 0; call < BURST.max + 1; call += 1) await e2e.run('authentication.test');

    const statuses = e2e.requestsSince(mark).map((request) => request.status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 200]);
    expect(e2e.events).toEqual([expect.objectContaining({ type: 'throttled', retried: true })]);
  });

  it('takes the delay from Retry-After when HighLevel sends one', async () => {
    e2e = await startE2E();
    e2e.sandbox.setFaults({ forceStatus: { status: 429, count: 1, retryAfterSeconds: 7 } });
    const throttled = await throttledOf(e2e.run('authentication.test'));
    expect(throttled).toMatchObject({ name: 'ThrottledError', delaySeconds: 7 });
  });

  it("uses the limiter's Retry-After (time left in the window) when the server sends it", async () => {
    e2e = await startE2E({ sandbox: { rateLimit: { max: 1, intervalMs: 60_000 }, retryAfterOn429: true } });
    await e2e.run('authentication.test');
    const throttled = await throttledOf(e2e.run('authentication.test'));
    expect(throttled.name).toBe('ThrottledError');
    expect(throttled.delaySeconds).toBeGreaterThan(50);
    expect(throttled.delaySeconds).toBeLessThanOrEqual(60);
  });

  it('falls back to the rate-limit window when a 429 has no Retry-After', async () => {
    e2e = await startE2E();
    e2e.sandbox.setFaults({ forceStatus: { status: 429, count: 1 } });
    const throttled = await throttledOf(e2e.run('authentication.test'));
    // HIGHLEVEL.md §4: 100 requests per 10 s by default.
    expect(throttled).toMatchObject({ name: 'ThrottledError', delaySeconds: 10 });
  });

  it('counts the limit per sub-account window and starts over after it', async () => {
    // The sandbox's clock is simulated: the three calls share one window however slow the machine is, and the
    // window passes without a wait.
    let now = Date.now();
    e2e = await startE2E({ sandbox: { rateLimit: { max: 2, intervalMs: 500 }, clock: () => now } });
    await e2e.run('authentication.test');
    await e2e.run('authentication.test');
    expect((await throttledOf(e2e.run('authentication.test'))).name).toBe('ThrottledError');
    now += 600;
    await expect(e2e.run('authentication.test')).resolves.toMatchObject({ id: e2e.sandbox.locationId });
  });
});
