/**
 * Server trouble end to end: reads are retried on 5xx (bounded) and then fail with a plain message; bodies
 * that are not what HighLevel sends are reported, not trusted.
 */
import { httpSettings } from '../../lib/config';
import { errorDetails } from '../../lib/core/errors';
import { startE2E, type E2E } from './harness';

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, ...errorDetails(error) };
  }
  throw new Error('expected the promise to reject');
};

describe('faults on reads', () => {
  let e2e: E2E;
  const delays = httpSettings.readRetryDelaysMs;
  beforeAll(() => {
    // Same number of attempts, shorter backoff.
    httpSettings.readRetryDelaysMs = [20, 50];
  });
  afterAll(() => {
    httpSettings.readRetryDelaysMs = delays;
  });
  beforeEach(async () => {
    e2e = await startE2E();
  });
  afterEach(() => e2e.close());

  const locationRoute = () => `GET /locations/${e2e.sandbox.locationId}`;

  it('retries a read after 5xx and succeeds', async () => {
    e2e.sandbox.setFaults({ forceStatus: { status: 503, count: 2 } });
    const { result, requests } = await e2e.counted(() => e2e.run('authentication.test'));
    expect(result).toMatchObject({ id: e2e.sandbox.locationId });
    expect(requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      `${locationRoute()} 503`,
      `${locationRoute()} 503`,
      `${locationRoute()} 200`,
    ]);
  });

  it('gives up after three attempts with a plain temporary-problem message', async () => {
    e2e.sandbox.setFaults({ forceStatus: { status: 500, count: 5 } });
    const mark = e2e.mark();
    const error = await failure(e2e.run('authentication.test'));
    expect(error).toMatchObject({ name: 'AppError', code: 'server_error', status: 500 });
    expect(error.message).toMatch(/temporary problem \(HTTP 500\)/);
    expect(e2e.requestsSince(mark).map((request) => request.status)).toEqual([500, 500, 500]);
  });

  it('reports a malformed body instead of returning it', async () => {
    e2e.sandbox.setFaults({ malformedBody: 1 });
    const error = await failure(e2e.run('authentication.test'));
    expect(error).toMatchObject({ name: 'AppError', code: 'unexpected_response' });
    expect(error.message).not.toMatch(/[{}]/);
  });

  it('works again once the faults are cleared', async () => {
    e2e.sandbox.setFaults({ errorRate: 1 });
    expect((await failure(e2e.run('authentication.test'))).code).toBe('server_error');
    e2e.sandbox.clearFaults();
    await expect(e2e.run('authentication.test')).resolves.toMatchObject({ id: e2e.sandbox.locationId });
  });

  it('gives up on a read that does not answer in time, after the same bounded retries', async () => {
    const timeout = httpSettings.readTimeoutMs;
    httpSettings.readTimeoutMs = 150;
    try {
      e2e.sandbox.setFaults({ latencyMs: 400 });
      const started = Date.now();
      const error = await failure(e2e.run('authentication.test'));
      expect(error).toMatchObject({ name: 'AppError', code: 'network_error' });
      expect(error.message).toMatch(/did not answer in time/);
      // Three attempts of 150 ms plus the two backoffs: bounded, well inside Zapier's 30 s.
      // (Aborted requests never reach the sandbox's request log, so time is what shows the retries.)
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(3 * 150 + 20 + 50);
      expect(elapsed).toBeLessThan(5_000);
    } finally {
      httpSettings.readTimeoutMs = timeout;
    }
  });
});

describe('faults on writes', () => {
  let e2e: E2E;
  beforeEach(async () => {
    e2e = await startE2E();
  });
  afterEach(() => e2e.close());

  const createContact = 'creates.create_contact.operation.perform';
  it('never retries a create after a 5xx (it may have happened)', async () => {
    e2e.sandbox.setFaults({ forceStatus: { status: 503, count: 1 } });
    const before = e2e.sandbox.store.contacts.size;
    const mark = e2e.mark();
    const error = await failure(e2e.run(createContact, { firstName: 'Grace', email: 'grace@example.com' }));
    expect(error).toMatchObject({ name: 'AppError', code: 'server_error', status: 503 });
    const posts = e2e.requestsSince(mark).filter((request) => request.method === 'POST');
    expect(posts.map((request) => `${request.path} ${request.status}`)).toEqual(['/contacts/ 503']);
    expect(e2e.sandbox.store.contacts.size).toBe(before);
  });
});
