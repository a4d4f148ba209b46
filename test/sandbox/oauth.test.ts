import { startSandbox, type Sandbox } from '../../sandbox/server';
import { authorize, call, tokenRequest, type ErrorOut, type TokenOut } from './helpers';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: { max: 100_000, intervalMs: 10_000 } });
});
afterAll(() => sandbox.close());
afterEach(() => {
  sandbox.setLocationActive(true);
  sandbox.setCompanyTokens(false);
  sandbox.setAccessTokenLifetime(86_399);
});

const refresh = (refreshToken: string) =>
  tokenRequest<TokenOut & ErrorOut>(sandbox, {
    client_id: sandbox.clientId,
    client_secret: sandbox.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    user_type: 'Location',
  });

describe('authorization code flow', () => {
  it('auto-consents: 302 to redirect_uri with code and state', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: sandbox.clientId,
      redirect_uri: 'https://example.com/cb?x=1',
      scope: 'contacts.readonly contacts.write',
      state: 'st4te',
    });
    const res = await fetch(`${sandbox.url}/v2/oauth/chooselocation?${query.toString()}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const target = new URL(res.headers.get('location') ?? '');
    expect(target.origin + target.pathname).toBe('https://example.com/cb');
    expect(target.searchParams.get('x')).toBe('1');
    expect(target.searchParams.get('state')).toBe('st4te');
    expect(target.searchParams.get('code')).toMatch(/^sbx_code_/);
  });

  it('refuses an unknown client_id and serves only the /v2 path', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'other',
      redirect_uri: 'https://example.com/cb',
    });
    const res = await fetch(`${sandbox.url}/v2/oauth/chooselocation?${query.toString()}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    const old = await fetch(`${sandbox.url}/oauth/chooselocation?${query.toString()}`, {
      redirect: 'manual',
    });
    expect(old.status).toBe(404);
  });

  it('exchanges the code for a Location token with the requested scopes', async () => {
    const res = await authorize(sandbox, 'contacts.readonly locations.readonly');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 86_399,
      scope: 'contacts.readonly locations.readonly',
      userType: 'Location',
      locationId: sandbox.locationId,
      companyId: sandbox.companyId,
      userId: sandbox.userId,
      approvedLocations: [sandbox.locationId],
      isBulkInstallation: false,
    });
    expect(typeof res.body.planId).toBe('string');
    const api = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, {
      token: res.body.access_token,
    });
    expect(api.status).toBe(200);
  });

  it('codes are single use and bound to the redirect_uri', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: sandbox.clientId,
      redirect_uri: 'https://example.com/cb',
    });
    const consent = await fetch(`${sandbox.url}/v2/oauth/chooselocation?${query.toString()}`, {
      redirect: 'manual',
    });
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const fields = {
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      grant_type: 'authorization_code',
      code,
    };
    const mismatch = await tokenRequest<ErrorOut>(sandbox, {
      ...fields,
      redirect_uri: 'https://evil.example.com/',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toBe('invalid_grant');
    const first = await tokenRequest(sandbox, { ...fields, redirect_uri: 'https://example.com/cb' });
    expect(first.status).toBe(200);
    const again = await tokenRequest<ErrorOut>(sandbox, fields);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant', statusCode: 400 });
  });

  it('401 invalid_client for a wrong secret', async () => {
    const res = await tokenRequest<ErrorOut>(sandbox, {
      client_id: sandbox.clientId,
      client_secret: 'wrong',
      grant_type: 'refresh_token',
      refresh_token: sandbox.issueTokens().refresh_token,
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client', statusCode: 401 });
  });

  it('wants a form-encoded body with the documented fields only', async () => {
    const fields = {
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: sandbox.issueTokens().refresh_token,
    };
    const json = await tokenRequest<ErrorOut>(sandbox, fields, 'application/json');
    expect(json.status).toBe(415);
    const extra = await tokenRequest<ErrorOut>(sandbox, { ...fields, scope: 'contacts.readonly' });
    expect(extra.status).toBe(422);
    expect(extra.body.message).toEqual(['property scope should not exist']);
    const missing = await tokenRequest<ErrorOut>(sandbox, {
      client_id: sandbox.clientId,
      grant_type: 'refresh_token',
    });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toEqual(['client_secret should not be empty']);
  });
});

describe('refresh token rotation', () => {
  it('every refresh returns new tokens; the old refresh token is dead', async () => {
    const issued = sandbox.issueTokens();
    const first = await refresh(issued.refresh_token);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(issued.refresh_token);
    expect(first.body.access_token).not.toBe(issued.access_token);

    const reuse = await refresh(issued.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid grant: refresh token is invalid',
      message: 'Invalid grant: refresh token is invalid',
      statusCode: 400,
    });

    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
  });

  it('a paused location refuses the refresh but keeps the refresh token valid', async () => {
    const issued = sandbox.issueTokens();
    sandbox.setLocationActive(false);
    const paused = await refresh(issued.refresh_token);
    expect(paused.status).toBe(400);
    expect(paused.body).toEqual({ message: 'Location is not active', statusCode: 400 });
    const api = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, {
      token: issued.access_token,
    });
    expect(api.status).toBe(400);
    expect(api.body.message).toBe('Location is not active');

    sandbox.setLocationActive(true);
    const resumed = await refresh(issued.refresh_token);
    expect(resumed.status).toBe(200);
  });

  it('expireAccessTokens makes every issued access token answer 401; a refresh fixes it', async () => {
    const issued = sandbox.issueTokens();
    sandbox.expireAccessTokens();
    const expired = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, {
      token: issued.access_token,
    });
    expect(expired.status).toBe(401);
    const refreshed = await refresh(issued.refresh_token);
    const ok = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, {
      token: refreshed.body.access_token,
    });
    expect(ok.status).toBe(200);
  });

  it('uses the configured access-token lifetime', async () => {
    sandbox.setAccessTokenLifetime(120);
    const res = await refresh(sandbox.issueTokens().refresh_token);
    expect(res.body.expires_in).toBe(120);
  });
});

describe('company tokens', () => {
  it('issues Company tokens without a locationId when switched on', async () => {
    sandbox.setCompanyTokens(true);
    const res = await authorize(sandbox);
    expect(res.status).toBe(200);
    expect(res.body.userType).toBe('Company');
    expect(res.body.locationId).toBeUndefined();
    expect(res.body.companyId).toBe(sandbox.companyId);
    expect(res.body.approvedLocations).toContain(sandbox.locationId);

    const contacts = await call(sandbox, 'POST', '/contacts/search', {
      token: res.body.access_token,
      body: { locationId: sandbox.locationId, pageLimit: 1 },
    });
    expect(contacts.status).toBe(403);
    // The spec grants agency access to the location itself.
    const location = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, {
      token: res.body.access_token,
    });
    expect(location.status).toBe(200);

    // Refreshing a Company token yields a Company token again.
    sandbox.setCompanyTokens(false);
    const refreshed = await refresh(res.body.refresh_token);
    expect(refreshed.body.userType).toBe('Company');
  });

  it('can be switched on at start', async () => {
    const companySandbox = await startSandbox({ companyTokens: true });
    try {
      const res = await authorize(companySandbox);
      expect(res.body.userType).toBe('Company');
    } finally {
      await companySandbox.close();
    }
  });
});
