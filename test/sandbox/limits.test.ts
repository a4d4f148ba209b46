import { startSandbox, type Sandbox } from '../../sandbox/server';
import { call, client, tokenRequest, type Client, type ErrorOut } from './helpers';

describe('rate limits (docs/Authorization.md)', () => {
  let sandbox: Sandbox;
  let api: Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimit: { max: 5, intervalMs: 60_000 }, dailyLimit: 8 });
    api = client(sandbox, sandbox.issueTokens().access_token);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.resetRateLimit());

  const locationPath = () => `/locations/${sandbox.locationId}`;

  it('reports the burst and daily budget on every API response', async () => {
    const res = await api.get(locationPath());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-max')).toBe('5');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(res.headers.get('x-ratelimit-interval-milliseconds')).toBe('60000');
    expect(res.headers.get('x-ratelimit-limit-daily')).toBe('8');
    expect(res.headers.get('x-ratelimit-daily-remaining')).toBe('7');
    const failed = await api.get('/contacts/unknown-id-000000000');
    expect(failed.headers.get('x-ratelimit-remaining')).toBe('3');
  });

  it('answers 429 past the burst limit, without Retry-After by default', async () => {
    for (let i = 0; i < 5; i += 1) expect((await api.get(locationPath())).status).toBe(200);
    const limited = await api.get(locationPath());
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ statusCode: 429, message: 'Too many requests' });
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    sandbox.resetRateLimit();
    expect((await api.get(locationPath())).status).toBe(200);
  });

  it('does not limit the OAuth token endpoint', async () => {
    for (let i = 0; i < 5; i += 1) await api.get(locationPath());
    expect((await api.get(locationPath())).status).toBe(429);
    // The OAuth token endpoint is not an API endpoint: no limit, no headers.
    const res = await tokenRequest<ErrorOut>(sandbox, {
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: sandbox.issueTokens().refresh_token,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-max')).toBeNull();
  });

  it('enforces the daily budget across burst windows', async () => {
    sandbox.setRateLimit({ max: 5, intervalMs: 50, daily: 3 });
    for (let i = 0; i < 3; i += 1) expect((await api.get(locationPath())).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const limited = await api.get(locationPath());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-daily-remaining')).toBe('0');
    sandbox.setRateLimit({ max: 5, intervalMs: 60_000, daily: 8 });
  });

  it('adds Retry-After when asked to', async () => {
    const withRetry = await startSandbox({
      rateLimit: { max: 1, intervalMs: 10_000 },
      retryAfterOn429: true,
    });
    try {
      const retryApi = client(withRetry, withRetry.issueTokens().access_token);
      await retryApi.get(`/locations/${withRetry.locationId}`);
      const limited = await retryApi.get(`/locations/${withRetry.locationId}`);
      expect(limited.status).toBe(429);
      const seconds = Number(limited.headers.get('retry-after'));
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(10);
    } finally {
      await withRetry.close();
    }
  });
});

describe('fault injection', () => {
  let sandbox: Sandbox;
  let api: Client;

  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimit: { max: 100_000, intervalMs: 10_000 } });
    api = client(sandbox, sandbox.issueTokens().access_token);
  });
  afterAll(() => sandbox.close());
  afterEach(() => sandbox.clearFaults());

  const locationPath = () => `/locations/${sandbox.locationId}`;

  it('forceStatus answers the next N API requests with the status (429 with and without Retry-After)', async () => {
    sandbox.setFaults({ forceStatus: { status: 429, count: 2, retryAfterSeconds: 3 } });
    const first = await api.get(locationPath());
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.headers.get('x-ratelimit-max')).not.toBeNull();
    expect(first.body).toEqual({ statusCode: 429, message: 'Too many requests' });
    expect((await api.get(locationPath())).status).toBe(429);
    expect((await api.get(locationPath())).status).toBe(200);

    sandbox.setFaults({ forceStatus: { status: 429, count: 1 } });
    const bare = await api.get(locationPath());
    expect(bare.status).toBe(429);
    expect(bare.headers.get('retry-after')).toBeNull();
  });

  it('forceStatus can carry a custom body and any status (401, 503)', async () => {
    sandbox.setFaults({ forceStatus: { status: 503, count: 1, body: { message: 'maintenance' } } });
    const res = await api.get(locationPath());
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ message: 'maintenance' });
    sandbox.setFaults({ forceStatus: { status: 401, count: 1 } });
    const unauthorized = await api.get(locationPath());
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('errorRate 1 answers every API request with a 5xx; 0 with none', async () => {
    sandbox.setFaults({ errorRate: 1 });
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () => api.get(locationPath()).then((r) => r.status)),
    );
    for (const status of statuses) expect([500, 502, 503]).toContain(status);
    sandbox.setFaults({ errorRate: 0 });
    expect((await api.get(locationPath())).status).toBe(200);
  });

  it('malformedBody answers 200 with a body that is not JSON', async () => {
    sandbox.setFaults({ malformedBody: 1 });
    const res = await api.post('/contacts/search', { locationId: sandbox.locationId, pageLimit: 1 });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(() => JSON.parse(res.text)).toThrow();
    expect((await api.get(locationPath())).status).toBe(200);
  });

  it('latencyMs delays API responses', async () => {
    sandbox.setFaults({ latencyMs: 150 });
    const started = Date.now();
    expect((await api.get(locationPath())).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('leaves the OAuth token endpoint alone unless `oauth` is set', async () => {
    const fields = () => ({
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: sandbox.issueTokens().refresh_token,
    });
    sandbox.setFaults({ forceStatus: { status: 502, count: 1 } });
    expect((await tokenRequest(sandbox, fields())).status).toBe(200);
    sandbox.setFaults({ forceStatus: { status: 502, count: 1 }, oauth: true });
    expect((await tokenRequest<ErrorOut>(sandbox, fields())).status).toBe(502);
    expect((await tokenRequest(sandbox, fields())).status).toBe(200);
  });

  it('does not fault requests the gateway rejects first (no token)', async () => {
    sandbox.setFaults({ forceStatus: { status: 500, count: 1 } });
    const res = await call(sandbox, 'GET', locationPath());
    expect(res.status).toBe(401);
    expect((await api.get(locationPath())).status).toBe(500);
  });
});
