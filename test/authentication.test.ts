/**
 * OAuth2 against HighLevel (HIGHLEVEL.md §2, ZAPIER.md "Authentication"): the authorize URL, the code
 * exchange, refresh with rotation, every way the token endpoint can fail, the proactive refresh, and the
 * connection test + label. Every token request is asserted byte for byte (form-encoded, no bearer).
 */
import nock from 'nock';
import {
  authentication,
  authorizeUrl,
  connectionLabel,
  getAccessToken,
  refreshAccessToken,
  test as connectionTest,
} from '../authentication';
import { SCOPES } from '../lib/config';
import { findContactById } from '../lib/contacts/api';
import {
  ACCESS_TOKEN,
  API_URL,
  CLIENT_SECRET,
  LOCATION_ID,
  META,
  REFRESH_TOKEN,
  appTester,
  caught as caughtError,
  highlevel,
  makeBundle,
} from './helpers';

const REDIRECT_URI = 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/';
const NEW_ACCESS = 'new-access-token-abcdef123456';
const NEW_REFRESH = 'new-refresh-token-abcdef123456';
const CODE = 'auth-code-9f8e7d6c5b4a';
const SECRETS = [CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN, NEW_ACCESS, NEW_REFRESH, CODE];

const nowSeconds = () => Math.floor(Date.now() / 1000);
const firstLine = (text: string) => text.split('\n')[0];

/** An error a user or log may see must never carry a secret. */
const expectNoSecrets = (text: string) => {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
};

/** Every error of these tests is checked for secrets, whatever else the test asserts. */
const caught = async (promise: Promise<unknown>) => {
  const error = await caughtError(promise);
  expectNoSecrets(error.raw);
  return error;
};

const locationTokenResponse = {
  access_token: NEW_ACCESS,
  token_type: 'Bearer',
  expires_in: 86399,
  refresh_token: NEW_REFRESH,
  scope: SCOPES.join(' '),
  userType: 'Location',
  locationId: LOCATION_ID,
  companyId: 'company-42',
  userId: 'user-7',
  planId: 'plan-1',
  isBulkInstallation: false,
};

interface TokenCall {
  body: Record<string, string>;
  raw: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * nock for POST /oauth/token that records what was sent. The token call must be form-encoded and carry
 * no bearer token (it is not an API call); HighLevel declares no Version header for it.
 */
const tokenEndpoint = (status: number, body: unknown, calls: TokenCall[] = []) => {
  const scope = nock(API_URL, {
    reqheaders: { 'content-type': 'application/x-www-form-urlencoded' },
    badheaders: ['authorization'],
  })
    .post('/oauth/token')
    .reply(function (_uri, requestBody) {
      const raw = String(requestBody);
      calls.push({
        raw,
        body: Object.fromEntries(new URLSearchParams(raw)),
        headers: this.req.headers,
      });
      return [status, typeof body === 'string' ? body : JSON.stringify(body)];
    });
  return { scope, calls };
};

const exchangeBundle = (inputData: Record<string, unknown> = {}) => ({
  authData: {},
  inputData: { code: CODE, redirect_uri: REDIRECT_URI, state: 'state-123', ...inputData },
  meta: META,
});

const refreshBundle = (authData: Record<string, string> = {}) => ({
  authData: {
    access_token: ACCESS_TOKEN,
    refresh_token: REFRESH_TOKEN,
    locationId: LOCATION_ID,
    companyId: 'company-42',
    userId: 'user-7',
    expires_at: String(nowSeconds() - 10),
    ...authData,
  },
  inputData: {},
  meta: META,
});

const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of ['CLIENT_ID', 'CLIENT_SECRET', 'HIGHLEVEL_MARKETPLACE_URL', 'HIGHLEVEL_API_URL']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

describe('the app definition', () => {
  it('is OAuth2 with its own 401 handling, the catalogue scopes and computed connection fields', () => {
    expect(authentication.type).toBe('oauth2');
    // Core's autoRefresh would turn HighLevel's missing-scope 401 into a refresh (docs/CONNECTION.md §3).
    expect(authentication.oauth2Config.autoRefresh).toBe(false);
    expect(authentication.oauth2Config.scope).toBe(
      'contacts.readonly contacts.write locations.readonly locations/customFields.readonly ' +
        'locations/tags.readonly locations/tasks.readonly users.readonly businesses.readonly ' +
        'workflows.readonly campaigns.readonly',
    );
    expect(authentication.fields.map((field) => [field.key, field.computed])).toEqual([
      ['locationId', true],
      ['companyId', true],
      ['userId', true],
      ['expires_at', true],
    ]);
  });
});

describe('authorize URL', () => {
  const authorize = async (inputData: Record<string, unknown> = {}) =>
    new URL(
      await appTester(authorizeUrl, {
        inputData: { redirect_uri: REDIRECT_URI, state: 'state-123', ...inputData },
        meta: META,
      }),
    );

  it('points at HighLevel chooselocation with every parameter', async () => {
    const url = await authorize();
    expect(url.origin).toBe('https://marketplace.gohighlevel.com');
    expect(url.pathname).toBe('/v2/oauth/chooselocation');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'test-client-id',
      redirect_uri: REDIRECT_URI,
      scope:
        'contacts.readonly contacts.write locations.readonly locations/customFields.readonly ' +
        'locations/tags.readonly locations/tasks.readonly users.readonly businesses.readonly ' +
        'workflows.readonly campaigns.readonly',
      state: 'state-123',
    });
    // Exactly these five parameters, each once.
    expect([...url.searchParams.keys()]).toEqual([
      'response_type',
      'client_id',
      'redirect_uri',
      'scope',
      'state',
    ]);
  });

  it('takes the client id from the environment only', async () => {
    process.env.CLIENT_ID = 'another-client-id';
    expect((await authorize()).searchParams.get('client_id')).toBe('another-client-id');
  });

  it('never puts the client secret into the URL', async () => {
    expect((await authorize()).toString()).not.toContain(CLIENT_SECRET);
  });

  it('encodes a state and redirect URI with reserved characters without changing them', async () => {
    const url = await authorize({ state: 'a b&c=d#e', redirect_uri: 'https://x.example/cb?x=1&y=2' });
    expect(url.searchParams.get('state')).toBe('a b&c=d#e');
    expect(url.searchParams.get('redirect_uri')).toBe('https://x.example/cb?x=1&y=2');
    expect(url.hash).toBe('');
  });

  it('uses HIGHLEVEL_MARKETPLACE_URL for a white-label host', async () => {
    process.env.HIGHLEVEL_MARKETPLACE_URL = 'https://marketplace.leadconnectorhq.com/';
    const url = await authorize();
    expect(url.origin).toBe('https://marketplace.leadconnectorhq.com');
    expect(url.pathname).toBe('/v2/oauth/chooselocation');
  });

  it('allows plain http only for a local sandbox', async () => {
    process.env.HIGHLEVEL_MARKETPLACE_URL = 'http://127.0.0.1:4010';
    expect((await authorize()).origin).toBe('http://127.0.0.1:4010');
    process.env.HIGHLEVEL_MARKETPLACE_URL = 'http://localhost:4010';
    expect((await authorize()).origin).toBe('http://localhost:4010');
  });

  it('refuses a plain-http marketplace URL on another machine', async () => {
    process.env.HIGHLEVEL_MARKETPLACE_URL = 'http://marketplace.example.com';
    await expect(authorize()).rejects.toThrow(
      'HIGHLEVEL_MARKETPLACE_URL must use https (plain http is only allowed for a local sandbox).',
    );
  });

  it('refuses a marketplace URL that is not a URL', async () => {
    process.env.HIGHLEVEL_MARKETPLACE_URL = 'marketplace.gohighlevel.com';
    await expect(authorize()).rejects.toThrow('HIGHLEVEL_MARKETPLACE_URL is not a valid URL.');
  });
});

describe('code exchange (getAccessToken)', () => {
  it('posts the form-encoded grant and stores tokens, ids and expiry', async () => {
    const { scope, calls } = tokenEndpoint(200, locationTokenResponse);
    const before = nowSeconds();
    const result = await appTester(getAccessToken, exchangeBundle());
    scope.done();

    expect(calls).toHaveLength(1);
    expect(calls[0].body).toEqual({
      client_id: 'test-client-id',
      client_secret: CLIENT_SECRET,
      grant_type: 'authorization_code',
      code: CODE,
      user_type: 'Location',
      redirect_uri: REDIRECT_URI,
    });
    // Form encoding, not JSON; every key once.
    expect(calls[0].raw).not.toMatch(/^\s*\{/);
    expect(calls[0].raw.split('&').map((pair) => pair.split('=')[0])).toEqual([
      'client_id',
      'client_secret',
      'grant_type',
      'code',
      'user_type',
      'redirect_uri',
    ]);
    expect(calls[0].headers.version).toBeUndefined();

    expect(result).toEqual({
      access_token: NEW_ACCESS,
      refresh_token: NEW_REFRESH,
      locationId: LOCATION_ID,
      companyId: 'company-42',
      userId: 'user-7',
      expires_at: expect.any(Number),
    });
    expect(result.expires_at).toBeGreaterThanOrEqual(before + 86399);
    expect(result.expires_at).toBeLessThanOrEqual(nowSeconds() + 86399);
  });

  it('sends the token request to HIGHLEVEL_API_URL when it is set (sandbox)', async () => {
    process.env.HIGHLEVEL_API_URL = 'http://127.0.0.1:4010';
    const scope = nock('http://127.0.0.1:4010').post('/oauth/token').reply(200, locationTokenResponse);
    const result = await appTester(getAccessToken, exchangeBundle());
    scope.done();
    expect(result.locationId).toBe(LOCATION_ID);
  });

  it('uses a one-day lifetime when expires_in is missing', async () => {
    const { scope } = tokenEndpoint(200, { ...locationTokenResponse, expires_in: undefined });
    const result = await appTester(getAccessToken, exchangeBundle());
    scope.done();
    expect(Math.abs(result.expires_at - (nowSeconds() + 86399))).toBeLessThanOrEqual(2);
  });

  it('accepts expires_in sent as a string and stores empty ids when HighLevel leaves them out', async () => {
    const { scope } = tokenEndpoint(200, {
      ...locationTokenResponse,
      expires_in: '3600',
      companyId: undefined,
      userId: null,
    });
    const result = await appTester(getAccessToken, exchangeBundle());
    scope.done();
    expect(Math.abs(result.expires_at - (nowSeconds() + 3600))).toBeLessThanOrEqual(2);
    expect(result.companyId).toBe('');
    expect(result.userId).toBe('');
  });

  it.each([
    ['userType Company', { ...locationTokenResponse, userType: 'Company' }],
    ['no locationId', { ...locationTokenResponse, userType: undefined, locationId: undefined }],
    ['an empty locationId', { ...locationTokenResponse, locationId: '' }],
  ])('refuses an agency token (%s) with a message on how to connect a sub-account', async (_case, body) => {
    const { scope } = tokenEndpoint(200, body);
    const error = await caught(appTester(getAccessToken, exchangeBundle()));
    scope.done();
    expect(error.name).not.toBe('ExpiredAuthError');
    expect(error.code).toBe('agency_token');
    expect(error.message).toBe(
      'You connected an agency (Company) account, but this integration works with a single sub-account. ' +
        'Connect again and, on the HighLevel screen, choose the sub-account (location) whose contacts you want to use.',
    );
    expectNoSecrets(error.raw);
  });

  it('refuses to start without an authorization code, sending nothing', async () => {
    const error = await caught(appTester(getAccessToken, exchangeBundle({ code: '' })));
    expect(error.code).toBe('bad_request');
    expect(error.message).toBe(
      'HighLevel did not return an authorization code. Please try connecting again.',
    );
  });

  it('explains a used or expired code (invalid_grant) without demanding a refresh', async () => {
    const { scope } = tokenEndpoint(400, { error: 'invalid_grant', error_description: 'Invalid grant' });
    const error = await caught(appTester(getAccessToken, exchangeBundle()));
    scope.done();
    expect(error.name).not.toBe('ExpiredAuthError');
    expect(error.code).toBe('bad_request');
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'HighLevel did not accept the sign-in (the code expired or was already used). Please connect again.',
    );
  });

  it('maps a 401 from the token endpoint (core throws RefreshAuthError first) to the app-credentials error', async () => {
    const { scope } = tokenEndpoint(401, { statusCode: 401, message: 'Unauthorized' });
    const error = await caught(appTester(getAccessToken, exchangeBundle()));
    scope.done();
    expect(error.name).not.toBe('RefreshAuthError');
    expect(error.code).toBe('invalid_client');
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/CLIENT_ID and CLIENT_SECRET/);
  });

  it('rejects a sign-in response that is not a token', async () => {
    const { scope } = tokenEndpoint(200, '<html>maintenance</html>');
    const error = await caught(appTester(getAccessToken, exchangeBundle()));
    scope.done();
    expect(error.code).toBe('unexpected_response');
    expect(error.message).toBe('HighLevel sent an unexpected sign-in response. Please try connecting again.');
  });

  it('rejects a token response without a refresh token', async () => {
    const { scope } = tokenEndpoint(200, { ...locationTokenResponse, refresh_token: undefined });
    const error = await caught(appTester(getAccessToken, exchangeBundle()));
    scope.done();
    expect(error.code).toBe('unexpected_response');
    expectNoSecrets(error.raw);
  });
});

describe('refresh (refreshAccessToken)', () => {
  it('posts the form-encoded refresh grant and keeps the rotated refresh token', async () => {
    const { scope, calls } = tokenEndpoint(200, locationTokenResponse);
    const result = await appTester(refreshAccessToken, refreshBundle());
    scope.done();
    expect(calls[0].body).toEqual({
      client_id: 'test-client-id',
      client_secret: CLIENT_SECRET,
      grant_type: 'refresh_token',
      refresh_token: REFRESH_TOKEN,
      user_type: 'Location',
    });
    expect(calls[0].raw.split('&').map((pair) => pair.split('=')[0])).toEqual([
      'client_id',
      'client_secret',
      'grant_type',
      'refresh_token',
      'user_type',
    ]);
    expect(result).toEqual({
      access_token: NEW_ACCESS,
      refresh_token: NEW_REFRESH,
      expires_at: expect.any(Number),
      locationId: LOCATION_ID,
    });
    expect(Math.abs(result.expires_at - (nowSeconds() + 86399))).toBeLessThanOrEqual(2);
  });

  it('a second step with the same (now spent) refresh token gets the same set from z.cache, sending nothing', async () => {
    const { scope } = tokenEndpoint(200, locationTokenResponse);
    const first = await appTester(refreshAccessToken, refreshBundle());
    scope.done();
    // No token endpoint mock is left: a second token request would fail the step.
    const second = await appTester(refreshAccessToken, refreshBundle());
    expect(second).toEqual(first);
    // What was published for it holds no token in the clear (docs/CONNECTION.md §1).
    const cached = JSON.stringify((appTester as unknown as { zcacheTestObj: unknown }).zcacheTestObj);
    for (const secret of [NEW_ACCESS, NEW_REFRESH, REFRESH_TOKEN]) expect(cached).not.toContain(secret);
  });

  it('sends the redirect URI when Zapier provides one', async () => {
    const { scope, calls } = tokenEndpoint(200, locationTokenResponse);
    await appTester(refreshAccessToken, { ...refreshBundle(), inputData: { redirect_uri: REDIRECT_URI } });
    scope.done();
    expect(calls[0].body.redirect_uri).toBe(REDIRECT_URI);
  });

  it('is not blocked by the proactive refresh (the token call is not an API call)', async () => {
    // expires_at is in the past in refreshBundle(): a bearer API call would throw RefreshAuthError.
    const { scope, calls } = tokenEndpoint(200, locationTokenResponse);
    await appTester(refreshAccessToken, refreshBundle({ expires_at: String(nowSeconds() - 3600) }));
    scope.done();
    expect(calls).toHaveLength(1);
  });

  it('keeps the stored locationId when the refresh response leaves it out', async () => {
    const { scope } = tokenEndpoint(200, { ...locationTokenResponse, locationId: undefined });
    const result = await appTester(refreshAccessToken, refreshBundle());
    scope.done();
    expect(result).not.toHaveProperty('locationId');
    expect(result.refresh_token).toBe(NEW_REFRESH);
  });

  it.each([
    ['the documented reuse message', { statusCode: 400, message: 'Invalid grant: refresh token is invalid' }],
    ['an OAuth invalid_grant', { error: 'invalid_grant', error_description: 'Refresh token expired' }],
    [
      'an invalid_grant whose description mentions the client (RFC 6749 §5.2)',
      { error: 'invalid_grant', error_description: 'The refresh token was issued to another client' },
    ],
  ])('turns %s into ExpiredAuthError asking to reconnect', async (_case, body) => {
    const { scope } = tokenEndpoint(400, body);
    const error = await caught(appTester(refreshAccessToken, refreshBundle()));
    scope.done();
    expect(error.name).toBe('ExpiredAuthError');
    // Core appends a "What happened" trail (without authData) after the first line.
    expect(firstLine(error.raw)).toBe(
      'Your HighLevel connection has expired or was revoked. Reconnect your HighLevel account in Zapier to continue.',
    );
    expectNoSecrets(error.raw);
  });

  it('turns a 401 from the token endpoint (RefreshAuthError from core) into the app-credentials error', async () => {
    const { scope } = tokenEndpoint(401, { statusCode: 401, message: 'Unauthorized' });
    const error = await caught(appTester(refreshAccessToken, refreshBundle()));
    scope.done();
    // Never RefreshAuthError (Zapier would call refresh again, forever), and not ExpiredAuthError either:
    // a 401 is the client failing to authenticate, which reconnecting cannot fix (HIGHLEVEL.md §2: a dead
    // refresh token is a 400 invalid grant).
    expect(error.name).not.toBe('RefreshAuthError');
    expect(error.name).not.toBe('ExpiredAuthError');
    expect(error.code).toBe('invalid_client');
  });

  it('says a paused sub-account is not active, without demanding a reconnect', async () => {
    const { scope } = tokenEndpoint(400, {
      statusCode: 400,
      message: 'Location is not active',
      traceId: 't-1',
    });
    const error = await caught(appTester(refreshAccessToken, refreshBundle()));
    scope.done();
    expect(error.name).not.toBe('ExpiredAuthError');
    expect(error.name).not.toBe('RefreshAuthError');
    expect(error.code).toBe('location_inactive');
    // Zapier marks a connection stale on a 4xx during refresh except 408, 409, 423, 425, 429 (docs/CONNECTION.md §4).
    expect(error.status).toBe(423);
    expect(error.message).toBe(
      'HighLevel says this sub-account is not active (it is paused or suspended). Zaps will work again once ' +
        'it is reactivated; there is no need to reconnect. (HighLevel trace ID: t-1)',
    );
  });

  it.each([
    [400, { error: 'invalid_client', error_description: 'Client authentication failed' }],
    [400, { statusCode: 400, message: 'Invalid client credentials' }],
    [400, { error: 'invalid_client', error_description: 'Invalid grant type for this client' }],
  ])('reports rejected app credentials (%s %j) to the integration owner', async (status, body) => {
    const { scope } = tokenEndpoint(status, body);
    const error = await caught(appTester(refreshAccessToken, refreshBundle()));
    scope.done();
    expect(error.name).not.toBe('ExpiredAuthError');
    expect(error.code).toBe('invalid_client');
    expect(error.message).toBe(
      "HighLevel rejected this integration's app credentials. The integration's owner must check CLIENT_ID and CLIENT_SECRET.",
    );
    expectNoSecrets(error.raw);
  });

  it.each([500, 502, 503])('reports a %s from the token endpoint as temporary', async (status) => {
    const { scope } = tokenEndpoint(status, { statusCode: status, message: 'Internal server error' });
    const error = await caught(appTester(refreshAccessToken, refreshBundle()));
    scope.done();
    expect(error.name).not.toBe('ExpiredAuthError');
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(status);
    expect(error.message).toBe(
      `HighLevel's sign-in service had a temporary problem (HTTP ${status}). Please try again in a few minutes.`,
    );
  });

  it('reports a 429 from the token endpoint as temporary', async () => {
    const { scope } = tokenEndpoint(429, { message: 'Too many requests' });
    const error = await caught(appTester(refreshAccessToken, refreshBundle()));
    scope.done();
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(429);
  });

  it("words any other failure with HighLevel's message", async () => {
    const { scope } = tokenEndpoint(400, { statusCode: 400, message: ['user_type must be Location'] });
    const error = await caught(appTester(refreshAccessToken, refreshBundle()));
    scope.done();
    expect(error.code).toBe('bad_request');
    expect(error.message).toBe("HighLevel's sign-in failed (HTTP 400): user_type must be Location.");
  });

  it('never repeats the client secret or a token that HighLevel echoes in an error', async () => {
    const { scope } = tokenEndpoint(400, {
      statusCode: 400,
      message: `Unknown refresh token ${REFRESH_TOKEN} (secret ${CLIENT_SECRET}, access ${ACCESS_TOKEN})`,
    });
    const error = await caught(appTester(refreshAccessToken, refreshBundle()));
    scope.done();
    expect(error.code).toBe('bad_request');
    expectNoSecrets(error.raw);
    expect(error.message).toContain('[redacted]');
  });

  it('never repeats an authorization code that HighLevel echoes in an error', async () => {
    const { scope } = tokenEndpoint(400, { statusCode: 400, message: `Code ${CODE} is malformed` });
    const error = await caught(appTester(getAccessToken, exchangeBundle()));
    scope.done();
    expectNoSecrets(error.raw);
  });

  it('asks to reconnect when there is no refresh token, sending nothing', async () => {
    const error = await caught(appTester(refreshAccessToken, refreshBundle({ refresh_token: '' })));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.raw).toMatch(/Reconnect your HighLevel account/);
  });

  it.each(['CLIENT_ID', 'CLIENT_SECRET'])('explains a missing %s without sending anything', async (key) => {
    delete process.env[key];
    const refresh = await caught(appTester(refreshAccessToken, refreshBundle()));
    const exchange = await caught(appTester(getAccessToken, exchangeBundle()));
    for (const error of [refresh, exchange]) {
      expect(error.code).toBe('invalid_client');
      expect(error.message).toBe(
        'This integration is missing its HighLevel app credentials (CLIENT_ID and CLIENT_SECRET). Set them with `zapier-platform env:set`.',
      );
      expectNoSecrets(error.raw);
    }
  });
});

describe('proactive refresh', () => {
  const contact = { contact: { id: 'c1', locationId: LOCATION_ID } };

  it('throws RefreshAuthError before sending anything when expires_at is less than a minute away', async () => {
    const scope = highlevel().get('/contacts/c1').reply(200, contact);
    const bundle = makeBundle({}, {}, { expires_at: String(nowSeconds() + 50) });
    const error = await caught(appTester((z) => findContactById(z, 'c1'), bundle));
    expect(error.name).toBe('RefreshAuthError');
    expect(scope.isDone()).toBe(false);
  });

  it('throws RefreshAuthError when the token has already expired', async () => {
    const scope = highlevel().get('/contacts/c1').reply(200, contact);
    const bundle = makeBundle({}, {}, { expires_at: String(nowSeconds() - 60) });
    const error = await caught(appTester((z) => findContactById(z, 'c1'), bundle));
    expect(error.name).toBe('RefreshAuthError');
    expect(scope.isDone()).toBe(false);
  });

  it('sends the request with the bearer token when more than ten minutes are left', async () => {
    const scope = highlevel().get('/contacts/c1').reply(200, contact);
    const bundle = makeBundle({}, {}, { expires_at: String(nowSeconds() + 11 * 60) });
    const result = await appTester((z) => findContactById(z, 'c1'), bundle);
    scope.done();
    expect(result?.id).toBe('c1');
  });

  it('then refreshes, and the new token is accepted for the next request', async () => {
    const { scope: tokenScope } = tokenEndpoint(200, locationTokenResponse);
    const refreshed = await appTester(refreshAccessToken, refreshBundle());
    tokenScope.done();
    const api = nock(API_URL, { reqheaders: { authorization: `Bearer ${NEW_ACCESS}` } })
      .get('/contacts/c1')
      .reply(200, contact);
    const authData = { ...refreshBundle().authData, ...refreshed, expires_at: String(refreshed.expires_at) };
    const bundle = { ...refreshBundle(), authData };
    await appTester((z) => findContactById(z, 'c1'), bundle);
    api.done();
  });
});

describe('connection test and label', () => {
  const location = {
    id: LOCATION_ID,
    name: 'Rosa Diaz Realty',
    timezone: 'America/New_York',
    country: 'US',
    companyId: 'company-42',
    email: 'office@example.com',
    address: '1 Main St',
  };

  it('reads GET /locations/{locationId} with the bearer token and Version header', async () => {
    const scope = highlevel()
      .matchHeader('accept', 'application/json')
      .get(`/locations/${LOCATION_ID}`)
      .reply(200, { location, traceId: 'x' });
    const result = await appTester(connectionTest, makeBundle({}));
    scope.done();
    expect(result).toEqual({
      id: LOCATION_ID,
      name: 'Rosa Diaz Realty',
      timezone: 'America/New_York',
      country: 'US',
    });
  });

  it('labels the connection with the sub-account name', async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, { location });
    const result = await appTester(connectionTest, makeBundle({}));
    scope.done();
    // Zapier passes the test's result as inputData to a connectionLabel function.
    const label = await appTester(connectionLabel, { ...makeBundle({}), inputData: { ...result } });
    expect(label).toBe('Rosa Diaz Realty');
  });

  it('labels a sub-account without a name by its id', async () => {
    const label = await appTester(connectionLabel, { ...makeBundle({}), inputData: { id: LOCATION_ID } });
    expect(label).toBe(`Sub-account ${LOCATION_ID}`);
  });

  it('never puts a token into the label', async () => {
    const label = await appTester(connectionLabel, {
      ...makeBundle({}),
      inputData: { id: LOCATION_ID, name: null },
    });
    expectNoSecrets(label);
  });

  it('fails with RefreshAuthError on a 401 so Zapier refreshes', async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(401, {
      statusCode: 401,
      message: 'Invalid token: access token is invalid',
      error: 'Unauthorized',
    });
    const error = await caught(appTester(connectionTest, makeBundle({})));
    scope.done();
    expect(error.name).toBe('RefreshAuthError');
  });

  it('names the missing permission on a 403', async () => {
    const scope = highlevel()
      .get(`/locations/${LOCATION_ID}`)
      .reply(403, { statusCode: 403, message: 'The token does not have access to this location.' });
    const error = await caught(appTester(connectionTest, makeBundle({})));
    scope.done();
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('"locations.readonly"');
    expect(error.message).toMatch(/reconnect/);
  });

  it('asks to reconnect when the connection has no sub-account, sending nothing', async () => {
    const error = await caught(appTester(connectionTest, makeBundle({}, {}, { locationId: '' })));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.raw).toMatch(/choose a sub-account/);
  });

  it('encodes the stored locationId as one path segment', async () => {
    const scope = highlevel()
      .get('/locations/a%2Fb%3Fc')
      .reply(200, { location: { ...location, id: 'a/b?c' } });
    const result = await appTester(connectionTest, makeBundle({}, {}, { locationId: 'a/b?c' }));
    scope.done();
    expect(result.id).toBe('a/b?c');
  });
});
