/**
 * lib/core/deadline.ts: the operation's time budget is the real 25 s (docs/CONNECTION.md §7), starts with the
 * operation's first request and belongs to that operation's `z` alone. The fault matrix shows it holding
 * with the budget scaled down (test/reliability/faults.test.ts, "within the time budget").
 */
import nock from 'nock';
import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { OPERATION_BUDGET_MS, httpSettings } from '../../../lib/config';
import { MIN_ATTEMPT_MS, msLeft } from '../../../lib/core/deadline';
import { send } from '../../../lib/core/request';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../../helpers';

const newZ = () => ({}) as ZObject;

describe('the time budget', () => {
  it('is 25 s, five seconds inside Zapier’s 30 s step limit, and is what the request core uses', () => {
    expect(OPERATION_BUDGET_MS).toBe(25_000);
    expect(httpSettings.operationBudgetMs).toBe(OPERATION_BUDGET_MS);
    const left = msLeft(newZ());
    expect(left).toBeGreaterThan(24_900);
    expect(left).toBeLessThanOrEqual(25_000);
  });

  it('counts from the first call of an operation and runs down', async () => {
    const z = newZ();
    const first = msLeft(z);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const later = msLeft(z);
    expect(first - later).toBeGreaterThanOrEqual(50);
  });

  it('is kept per operation (per z): another step starts with the whole budget', async () => {
    const a = newZ();
    msLeft(a);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(msLeft(newZ())).toBeGreaterThan(msLeft(a));
  });

  it('never starts an attempt that could not get an answer', () => {
    expect(MIN_ATTEMPT_MS).toBeGreaterThan(0);
    expect(MIN_ATTEMPT_MS).toBeLessThan(httpSettings.readTimeoutMs);
  });
});

describe('through the request core', () => {
  const saved = { ...httpSettings };
  afterEach(() => {
    Object.assign(httpSettings, saved);
    nock.cleanAll();
  });
  const read = () =>
    caught(
      appTester(
        (z: ZObject) =>
          send(z, { method: 'GET', path: '/contacts/c1', schema: zod.unknown(), scope: 'contacts.readonly' }),
        makeBundle({}),
        true,
      ),
    );

  it('sends nothing once the budget is spent, and says so plainly', async () => {
    httpSettings.operationBudgetMs = MIN_ATTEMPT_MS - 1;
    const guard = requestGuard();
    const error = await read();
    expect(sentAny(guard)).toBe(false);
    expect(error.code).toBe('out_of_time');
    expect(error.message).toBe(
      'HighLevel answered too slowly: this step used up the 0 seconds it has (Zapier stops a step after 30), so it stopped. Please try again in a few minutes.',
    );
  });

  it('does not retry a read when no time is left for another attempt', async () => {
    httpSettings.operationBudgetMs = 700;
    httpSettings.readRetryDelaysMs = [1, 1];
    let calls = 0;
    highlevel()
      .get('/contacts/c1')
      .times(3)
      .delay(500)
      .reply(() => {
        calls += 1;
        return [503, { statusCode: 503, message: 'Service Unavailable' }];
      });
    const started = Date.now();
    const error = await read();
    expect(calls).toBe(1);
    expect(error.code).toBe('server_error');
    expect(Date.now() - started).toBeLessThan(700 + 300);
  });

  it('cuts the attempt short to what is left of the budget', async () => {
    httpSettings.operationBudgetMs = 600;
    httpSettings.readTimeoutMs = 10_000;
    highlevel().get('/contacts/c1').delay(3_000).reply(200, {});
    const started = Date.now();
    const error = await read();
    expect(error.code).toBe('network_error');
    expect(error.message).toBe('HighLevel did not answer in time. Please try again in a few minutes.');
    expect(Date.now() - started).toBeLessThan(600 + 300);
  });
});
