/**
 * lib/core/middleware.ts through the real app: the bearer token goes to HighLevel's API and nowhere else, the
 * proactive refresh, and afterResponse mapping only the requests of the HighLevel client (core's
 * throwForStaleAuth runs first, so a 401 is always RefreshAuthError).
 */
import nock from 'nock';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { send } from '../../../lib/core/request';
import { secretsOf } from '../../../lib/core/middleware';
import {
  ACCESS_TOKEN,
  API_URL,
  CLIENT_SECRET,
  REFRESH_TOKEN,
  appTester,
  caught,
  makeBundle,
} from '../../helpers';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A raw z.request, as the app's middleware sees it (no HighLevel client context). */
const rawRequest = (options: HttpRequestOptions & { url: string }, extraAuth: Record<string, string> = {}) =>
  appTester(async (z: ZObject) => (await z.request(options)).status, makeBundle({}, {}, extraAuth), true);

/** A request through the HighLevel client (with the afterResponse context). */
const clientRequest = (extraAuth: Record<string, string> = {}) =>
  appTester(
    (z: ZObject) =>
      send(z, {
        method: 'GET',
        path: '/contacts/c1',
        schema: zod.looseObject({}),
        scope: 'contacts.readonly',
        resource: 'contact "c1"',
      }),
    makeBundle({}, {}, extraAuth),
    true,
  );

const savedApiUrl = process.env.HIGHLEVEL_API_URL;
afterEach(() => {
  if (savedApiUrl === undefined) delete process.env.HIGHLEVEL_API_URL;
  else process.env.HIGHLEVEL_API_URL = savedApiUrl;
});

describe('beforeRequest: the bearer token', () => {
  it('is added to requests on the API base URL', async () => {
    const scope = nock(API_URL, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
      .get('/locations/x')
      .reply(200, {});
    expect(await rawRequest({ url: `${API_URL}/locations/x` })).toBe(200);
    scope.done();
  });

  it.each([
    ['another host', 'https://example.com/contacts/'],
    [
      'a host that only starts like the API host',
      'https://services.leadconnectorhq.com.evil.example/contacts/',
    ],
    ['the API host on plain http', 'http://services.leadconnectorhq.com/contacts/'],
    ['the token endpoint', `${API_URL}/oauth/token`],
  ])('is never sent to %s', async (_case, url) => {
    const { origin, pathname } = new URL(url);
    const scope = nock(origin, { badheaders: ['authorization'] })
      .get(pathname)
      .reply(200, {});
    expect(await rawRequest({ url })).toBe(200);
    scope.done();
  });

  it('goes to the sandbox when HIGHLEVEL_API_URL points at it, and not to the real API', async () => {
    process.env.HIGHLEVEL_API_URL = 'http://127.0.0.1:4010';
    const sandbox = nock('http://127.0.0.1:4010', { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
      .get('/contacts/c1')
      .reply(200, {});
    const real = nock(API_URL, { badheaders: ['authorization'] })
      .get('/contacts/c1')
      .reply(200, {});
    await rawRequest({ url: 'http://127.0.0.1:4010/contacts/c1' });
    await rawRequest({ url: `${API_URL}/contacts/c1` });
    sandbox.done();
    real.done();
  });

  it('is left out when the connection has no access token', async () => {
    const scope = nock(API_URL, { badheaders: ['authorization'] })
      .get('/locations/x')
      .reply(200, {});
    await rawRequest({ url: `${API_URL}/locations/x` }, { access_token: '' });
    scope.done();
  });

  it('keeps the headers the request already has', async () => {
    const scope = nock(API_URL, {
      reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}`, version: '2021-07-28', 'x-extra': '1' },
    })
      .get('/locations/x')
      .reply(200, {});
    await rawRequest({ url: `${API_URL}/locations/x`, headers: { Version: '2021-07-28', 'X-Extra': '1' } });
    scope.done();
  });
});

describe('beforeRequest: proactive refresh', () => {
  const apiCall = (expiresAt: string | undefined, extra: Record<string, string> = {}) => {
    const scope = nock(API_URL).get('/contacts/c1').reply(200, {});
    const auth = expiresAt === undefined ? { expires_at: '', ...extra } : { expires_at: expiresAt, ...extra };
    return { scope, result: caught(clientRequest(auth)).catch(() => undefined) };
  };

  it.each([
    ['4 min 59 s left', 299],
    ['1 s left', 1],
    ['already expired', -3600],
  ])('throws RefreshAuthError before sending when %s', async (_case, secondsLeft) => {
    const { scope, result } = apiCall(String(nowSeconds() + secondsLeft));
    expect((await result)?.name).toBe('RefreshAuthError');
    expect(scope.isDone()).toBe(false);
  });

  it.each([
    ['5 min 30 s left', 330],
    ['a day left', 86_000],
  ])('sends the request when %s', async (_case, secondsLeft) => {
    const scope = nock(API_URL).get('/contacts/c1').reply(200, {});
    await clientRequest({ expires_at: String(nowSeconds() + secondsLeft) });
    scope.done();
  });

  it('reads a numeric expires_at too', async () => {
    const scope = nock(API_URL).get('/contacts/c1').reply(200, {});
    const bundle = makeBundle({});
    const auth = { ...bundle.authData, expires_at: nowSeconds() + 60 } as unknown as Bundle['authData'];
    const error = await caught(
      appTester(
        (z: ZObject) =>
          send(z, { method: 'GET', path: '/contacts/c1', schema: zod.unknown(), scope: 'contacts.readonly' }),
        { ...bundle, authData: auth },
        true,
      ),
    );
    expect(error.name).toBe('RefreshAuthError');
    expect(scope.isDone()).toBe(false);
  });

  it.each([
    ['no expires_at', ''],
    ['an unreadable expires_at', 'soon'],
  ])('sends the request with %s (a 401 will trigger the refresh instead)', async (_case, expiresAt) => {
    const scope = nock(API_URL).get('/contacts/c1').reply(200, {});
    await clientRequest({ expires_at: expiresAt });
    scope.done();
  });

  it('does not refresh without a refresh token (it could not succeed)', async () => {
    const scope = nock(API_URL).get('/contacts/c1').reply(200, {});
    await clientRequest({ expires_at: String(nowSeconds() - 10), refresh_token: '' });
    scope.done();
  });

  it('does not hold up requests to other hosts', async () => {
    const scope = nock('https://example.com').get('/x').reply(200, {});
    expect(await rawRequest({ url: 'https://example.com/x' }, { expires_at: String(nowSeconds()) })).toBe(
      200,
    );
    scope.done();
  });
});

describe('afterResponse', () => {
  it('passes a HighLevel 2xx through', async () => {
    const scope = nock(API_URL).get('/contacts/c1').reply(200, { ok: true });
    expect(await clientRequest()).toEqual({ ok: true });
    scope.done();
  });

  it('maps a HighLevel client failure to a z.errors.Error with code and status', async () => {
    const scope = nock(API_URL).get('/contacts/c1').reply(404, { message: 'Not found' });
    const error = await caught(clientRequest());
    scope.done();
    expect(error).toMatchObject({
      name: 'AppError',
      code: 'not_found',
      status: 404,
      message: 'The contact "c1" was not found in this sub-account.',
    });
  });

  it('leaves requests without the client context to core (throwForStatus)', async () => {
    const scope = nock('https://example.com').get('/x').reply(500, 'nope');
    const error = await caught(rawRequest({ url: 'https://example.com/x' }));
    scope.done();
    expect(error.name).toBe('ResponseError');
  });

  it('lets core turn any 401 into RefreshAuthError first, with or without the client context', async () => {
    const scope = nock(API_URL)
      .get('/contacts/c1')
      .reply(401, { statusCode: 401, message: 'Invalid token: access token is invalid' })
      .get('/locations/x')
      .reply(401, {});
    expect((await caught(clientRequest())).name).toBe('RefreshAuthError');
    expect((await caught(rawRequest({ url: `${API_URL}/locations/x` }))).name).toBe('RefreshAuthError');
    scope.done();
  });

  it('maps a 429 itself (core does not throw first for client requests)', async () => {
    const scope = nock(API_URL)
      .get('/contacts/c1')
      .reply(429, {}, { 'X-RateLimit-Interval-Milliseconds': '10000' });
    const error = await caught(clientRequest());
    scope.done();
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.raw)).toEqual({
      message: "HighLevel's rate limit for this sub-account was reached. Zapier will try again shortly.",
      delay: 10,
    });
  });

  it('removes the tokens and the client secret HighLevel may echo before wording an error', async () => {
    process.env.CLIENT_SECRET = CLIENT_SECRET;
    const scope = nock(API_URL)
      .get('/contacts/c1')
      .reply(422, {
        statusCode: 422,
        message: [
          `token ${ACCESS_TOKEN} is not allowed`,
          `refresh ${REFRESH_TOKEN}`,
          `secret ${CLIENT_SECRET}`,
        ],
        traceId: 'tr-1',
      });
    const error = await caught(clientRequest());
    scope.done();
    for (const secret of [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET])
      expect(error.raw).not.toContain(secret);
    expect(error.message).toBe(
      'HighLevel rejected the request: token [redacted] is not allowed; refresh [redacted]; secret [redacted]. (HighLevel trace ID: tr-1)',
    );
  });
});

describe('secretsOf', () => {
  it('lists the tokens of the connection and the client secret', () => {
    process.env.CLIENT_SECRET = CLIENT_SECRET;
    expect(
      secretsOf({ access_token: 'a-token', refresh_token: 'r-token', locationId: 'loc', expires_at: 1 }),
    ).toEqual(['a-token', 'r-token', CLIENT_SECRET]);
    expect(secretsOf({})).toEqual([CLIENT_SECRET]);
  });
});
