/**
 * Authentication end to end against the sandbox, through the real runtime: the OAuth connection, the
 * connection test and label, Company tokens, refresh with rotation during a run, reuse of a rotated
 * refresh token, an inactive sub-account and the proactive refresh ahead of `expires_at`.
 */
import { errorDetails } from '../../lib/core/errors';
import { DEFAULT_REDIRECT_URI, describeError, type AuthData } from '../../scripts/lib/runtime';
import { routes, startE2E, type E2E } from './harness';

const caught = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, ...errorDetails(error), text: describeError(error) };
  }
  throw new Error('expected the promise to reject');
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('the OAuth connection', () => {
  let e2e: E2E;
  beforeEach(async () => {
    e2e = await startE2E({ connected: false });
  });
  afterEach(() => e2e.close());

  it('authorizes through the sandbox consent page and stores a Location token', async () => {
    const { result: connection, requests } = await e2e.counted(() => e2e.runtime.connect());
    const authorize = new URL(connection.authorizeUrl);
    expect(authorize.origin + authorize.pathname).toBe(`${e2e.sandbox.url}/v2/oauth/chooselocation`);
    expect(authorize.searchParams.get('client_id')).toBe(e2e.sandbox.clientId);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('scope')?.split(' ')).toContain('contacts.write');
    expect(connection.authorizeUrl).not.toContain(e2e.sandbox.clientSecret);

    const { authData } = connection;
    expect(Object.keys(authData).sort()).toEqual(
      ['access_token', 'companyId', 'expires_at', 'locationId', 'refresh_token', 'userId'].sort(),
    );
    expect(authData).toMatchObject({
      locationId: e2e.sandbox.locationId,
      companyId: e2e.sandbox.companyId,
      userId: e2e.sandbox.userId,
    });
    expect(authData.access_token).toEqual(expect.any(String));
    expect(authData.refresh_token).toEqual(expect.any(String));
    expect(Number(authData.expires_at)).toBeGreaterThan(nowSeconds() + 86_000);
    expect(Number(authData.expires_at)).toBeLessThanOrEqual(nowSeconds() + 86_400);
    expect(routes(requests)).toEqual(['GET /v2/oauth/chooselocation', 'POST /oauth/token']);
    expect(requests.map((request) => request.status)).toEqual([302, 200]);
  });

  it('tests the connection with one request and labels it with the sub-account name', async () => {
    await e2e.runtime.connect();
    const { result, requests } = await e2e.counted(() => e2e.runtime.testConnection());
    expect(result.label).toBe('Demo Sub-Account');
    expect(result.result).toMatchObject({ id: e2e.sandbox.locationId, name: 'Demo Sub-Account' });
    expect(routes(requests)).toEqual([`GET /locations/${e2e.sandbox.locationId}`]);
  });

  it('refuses a Company (agency) token with a plain message', async () => {
    e2e.sandbox.setCompanyTokens(true);
    const error = await caught(e2e.runtime.connect());
    expect(error).toMatchObject({ name: 'AppError', code: 'agency_token' });
    expect(error.message).toMatch(/agency \(Company\) account/);
    expect(error.message).toMatch(/choose the sub-account/);
    expect(e2e.runtime.connected).toBe(false);
  });

  it('fails the connection without leaking the secret when the client secret is wrong', async () => {
    process.env.CLIENT_SECRET = 'wrong-client-secret-0123456789';
    const { result: error, requests } = await e2e.counted(() => caught(e2e.runtime.connect()));
    // The token endpoint answers 401 invalid_client; with autoRefresh, core turns any 401 into
    // RefreshAuthError before the app can read the body, so the app cannot tell it from a bad code.
    expect(requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'GET /v2/oauth/chooselocation 302',
      'POST /oauth/token 401',
    ]);
    expect(error.name).toBe('AppError');
    expect(error.text).not.toContain('wrong-client-secret');
    expect(e2e.runtime.connected).toBe(false);
  });

  it('does not accept an authorization code twice', async () => {
    const { authorizeUrl } = await e2e.runtime.connect();
    // The code is single use: replaying the same consent redirect's code is refused.
    const back = await fetch(authorizeUrl, { redirect: 'manual' });
    const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const exchange = () =>
      e2e.runtime.call(
        'authentication.oauth2Config.getAccessToken',
        e2e.runtime.bundle({ code, redirect_uri: DEFAULT_REDIRECT_URI }),
      );
    await expect(exchange()).resolves.toMatchObject({ locationId: e2e.sandbox.locationId });
    const error = await caught(exchange());
    expect(error).toMatchObject({ name: 'AppError', code: 'bad_request' });
    expect(error.message).toMatch(/code expired or was already used/);
  });
});

describe('refresh', () => {
  let e2e: E2E;
  beforeEach(async () => {
    e2e = await startE2E();
  });
  afterEach(() => e2e.close());

  const locationPath = () => `/locations/${e2e.sandbox.locationId}`;

  it('refreshes after a 401 mid-run, rotates the refresh token and retries the step once', async () => {
    await e2e.runtime.testConnection();
    const before: AuthData = e2e.authData;

    e2e.sandbox.expireAccessTokens();
    const { result, requests } = await e2e.counted(() => e2e.run('authentication.test'));

    expect(result).toMatchObject({ id: e2e.sandbox.locationId });
    expect(routes(requests)).toEqual([`GET ${locationPath()}`, 'POST /oauth/token', `GET ${locationPath()}`]);
    expect(requests.map((request) => request.status)).toEqual([401, 200, 200]);
    expect(e2e.events).toEqual([
      expect.objectContaining({ type: 'refresh', reason: 'rejected', rotated: true, ok: true }),
    ]);

    const after = e2e.authData;
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after).toMatchObject({
      locationId: before.locationId,
      companyId: before.companyId,
      userId: before.userId,
    });
    expect(Number(after.expires_at)).toBeGreaterThan(nowSeconds() + 86_000);

    // The rotated-out refresh token is dead: using it is a reconnect, not a retry.
    const reused = await caught(
      e2e.runtime.call('authentication.oauth2Config.refreshAccessToken', e2e.runtime.bundle({}, {}, before)),
    );
    expect(reused.name).toBe('ExpiredAuthError');

    // ...while the new connection keeps working for many steps.
    for (let step = 0; step < 3; step += 1) await e2e.run('authentication.test');
    expect(e2e.events).toHaveLength(1);
  });

  it('asks for a reconnect (ExpiredAuthError) when the stored refresh token was already used', async () => {
    const stale = e2e.authData;
    await e2e.runtime.refresh();
    e2e.sandbox.expireAccessTokens();
    e2e.runtime.authData = stale;

    const { result: error, requests } = await e2e.counted(() => caught(e2e.run('authentication.test')));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.text).toMatch(/Reconnect your HighLevel account/);
    expect(error.text).not.toContain(stale.refresh_token);
    expect(requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      `GET ${locationPath()} 401`,
      'POST /oauth/token 400',
    ]);
  });

  it('says plainly that an inactive sub-account is paused, without demanding a reconnect', async () => {
    const connection = e2e.authData;
    e2e.sandbox.setLocationActive(false);
    e2e.sandbox.expireAccessTokens();

    const error = await caught(e2e.run('authentication.test'));
    expect(error).toMatchObject({ name: 'AppError', code: 'location_inactive', status: 400 });
    expect(error.message).toMatch(/not active/);
    expect(error.message).toMatch(/no need to reconnect/);
    expect(e2e.authData.refresh_token).toBe(connection.refresh_token);

    // Reactivated: the same refresh token works again.
    e2e.sandbox.setLocationActive(true);
    await expect(e2e.run('authentication.test')).resolves.toMatchObject({ id: e2e.sandbox.locationId });
    expect(e2e.authData.refresh_token).not.toBe(connection.refresh_token);
  });

  it('refreshes ahead of time when the stored token expires within 5 minutes (no 401 spent)', async () => {
    e2e.runtime.authData = { ...e2e.authData, expires_at: nowSeconds() + 120 };
    const { requests } = await e2e.counted(() => e2e.run('authentication.test'));
    expect(routes(requests)).toEqual(['POST /oauth/token', `GET ${locationPath()}`]);
    expect(requests.map((request) => request.status)).toEqual([200, 200]);
    expect(e2e.events).toEqual([
      expect.objectContaining({ type: 'refresh', reason: 'expiring', rotated: true }),
    ]);
    expect(Number(e2e.authData.expires_at)).toBeGreaterThan(nowSeconds() + 86_000);
  });

  it('does not refresh a token with more than 5 minutes left', async () => {
    e2e.runtime.authData = { ...e2e.authData, expires_at: nowSeconds() + 400 };
    const { requests } = await e2e.counted(() => e2e.run('authentication.test'));
    expect(routes(requests)).toEqual([`GET ${locationPath()}`]);
    expect(e2e.events).toEqual([]);
  });

  it('keeps the refresh token when the token endpoint has a temporary failure', async () => {
    const connection = e2e.authData;
    e2e.sandbox.expireAccessTokens();
    e2e.sandbox.setFaults({ forceStatus: { status: 503, count: 1 }, oauth: true });

    const error = await caught(e2e.run('authentication.test'));
    expect(error).toMatchObject({ name: 'AppError', code: 'server_error', status: 503 });
    expect(error.message).toMatch(/try again in a few minutes/);
    expect(e2e.authData.refresh_token).toBe(connection.refresh_token);

    e2e.sandbox.clearFaults();
    await expect(e2e.run('authentication.test')).resolves.toMatchObject({ id: e2e.sandbox.locationId });
  });

  it('does not ask for a reconnect when API calls say the sub-account is inactive', async () => {
    e2e.sandbox.setLocationActive(false);
    const error = await caught(e2e.run('authentication.test'));
    expect(error).toMatchObject({ name: 'AppError', status: 400 });
    expect(error.message).toMatch(/Location is not active|not active/);
    expect(e2e.events).toEqual([]);
  });

  it('names the missing permission when the token lacks a scope', async () => {
    await e2e.close();
    e2e = await startE2E({ scopes: ['contacts.readonly', 'contacts.write'] });
    const error = await caught(e2e.run('authentication.test'));
    expect(error).toMatchObject({ name: 'AppError', code: 'forbidden', status: 403 });
    expect(error.message).toMatch(/"locations\.readonly" permission/);
    expect(error.message).toMatch(/reconnect your HighLevel account/);
  });

  it('refuses an unknown token without leaking it', async () => {
    e2e.runtime.authData = {
      ...e2e.authData,
      access_token: 'not-a-real-token-123456',
      refresh_token: 'not-a-real-refresh-123456',
    };
    const error = await caught(e2e.run('authentication.test'));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.text).not.toContain('not-a-real');
  });
});
