import fc from 'fast-check';
import nock from 'nock';
import App from '../../index';
import apiRequest, { perform } from '../../creates/api_request';
import { httpSettings } from '../../lib/config';
import {
  ACCESS_TOKEN,
  API_URL,
  LOCATION_ID,
  REFRESH_TOKEN,
  appTester,
  caught,
  highlevel,
  makeBundle,
  requestGuard,
  sentAny,
} from '../helpers';
import { CONTACT_ID, validationFailure } from './fixtures';

const saved = { ...httpSettings };
beforeAll(() => {
  httpSettings.readRetryDelaysMs = [1, 1];
});
afterAll(() => {
  Object.assign(httpSettings, saved);
});

describe('api_request', () => {
  it('is registered with method, path, query, body and version', () => {
    expect(App.creates?.api_request).toBe(apiRequest);
    expect(apiRequest.display.label).toBe('API Request');
    expect(apiRequest.operation.inputFields?.map((field) => field.key)).toEqual([
      'method',
      'path',
      'query',
      'body',
      'version',
    ]);
  });

  it('sends a GET with the token, Version and query ({locationId} filled in); outputs status, safe headers and the parsed body', async () => {
    const api = nock(API_URL, {
      reqheaders: {
        version: '2021-07-28',
        authorization: `Bearer ${ACCESS_TOKEN}`,
        accept: 'application/json',
      },
      badheaders: ['content-type'],
    })
      .get(`/locations/${LOCATION_ID}/customValues`)
      .query({ limit: '5', locationId: LOCATION_ID })
      .reply(
        200,
        { customValues: [{ id: 'v1', name: 'Offer' }] },
        {
          'Content-Type': 'application/json; charset=utf-8',
          'X-RateLimit-Remaining': '98',
          'Set-Cookie': 'session=abc',
          'X-Access-Token': 'leak',
          Authorization: 'Bearer leak',
        },
      );
    const result = await appTester(
      perform,
      makeBundle({
        method: 'GET',
        path: '/locations/{locationId}/customValues',
        query: { limit: '5', locationId: '{locationId}' },
      }),
    );
    expect(result).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/), // no traceId in the answer: an id of this run
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '98' },
      body: { customValues: [{ id: 'v1', name: 'Offer' }] },
    });
    api.done();
  });

  it('sends a JSON body with POST and the chosen Version', async () => {
    const api = nock(API_URL, { reqheaders: { version: '2021-04-15', 'content-type': /application\/json/ } })
      .post('/conversations/messages', { type: 'SMS', contactId: CONTACT_ID, message: 'Hi {{name}}' })
      .reply(201, { messageId: 'm1', traceId: 'trace-m1' });
    const result = await appTester(
      perform,
      makeBundle({
        method: 'post',
        path: '/conversations/messages',
        body: `{"type": "SMS", "contactId": "${CONTACT_ID}", "message": "Hi {{name}}"}`,
        version: '2021-04-15',
      }),
    );
    // `id`: HighLevel's traceId of the answer.
    expect(result).toMatchObject({ id: 'trace-m1', status: 201, body: { messageId: 'm1' } });
    api.done();
  });

  it('outputs a body that is not JSON as text, an empty one as null, with secrets removed', async () => {
    highlevel()
      .get('/x')
      .reply(200, `token ${ACCESS_TOKEN} and ${REFRESH_TOKEN}`, { 'Content-Type': 'text/plain' });
    expect(await appTester(perform, makeBundle({ method: 'GET', path: '/x' }))).toMatchObject({
      body: 'token [redacted] and [redacted]',
    });
    highlevel().delete('/x').reply(204);
    expect(await appTester(perform, makeBundle({ method: 'DELETE', path: '/x' }))).toMatchObject({
      status: 204,
      body: null,
    });
  });

  it('retries a GET after a 5xx, never a write', async () => {
    const read = highlevel()
      .get('/contacts/abc')
      .reply(502, {})
      .get('/contacts/abc')
      .reply(200, { contact: {} });
    expect(await appTester(perform, makeBundle({ method: 'GET', path: '/contacts/abc' }))).toMatchObject({
      status: 200,
    });
    read.done();
    const write = highlevel().put('/contacts/abc', {}).once().reply(503, {});
    const error = await caught(
      appTester(perform, makeBundle({ method: 'PUT', path: '/contacts/abc', body: '{}' })),
    );
    expect(error).toMatchObject({ code: 'server_error', message: expect.stringContaining('may or may not') });
    write.done();
  });

  it('maps errors like every other action (404, 422) and refuses to follow a redirect', async () => {
    highlevel().get('/contacts/nope').reply(404, { statusCode: 404, message: 'Not found' });
    expect(
      (await caught(appTester(perform, makeBundle({ method: 'GET', path: '/contacts/nope' })))).message,
    ).toBe('The requested record was not found in this sub-account.');
    highlevel().post('/contacts/').reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ method: 'POST', path: '/contacts/', body: '{"a":1}' }))),
    ).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('property foo') });
    const redirect = highlevel().get('/moved').reply(302, '', { Location: 'https://evil.example/steal' });
    expect(await caught(appTester(perform, makeBundle({ method: 'GET', path: '/moved' })))).toMatchObject({
      code: 'http_error',
      message: expect.stringContaining('does not follow redirects'),
    });
    redirect.done();
  });

  it.each([
    [{ method: 'GET', path: '' }, 'Path is required'],
    [{ method: 'TRACE', path: '/contacts' }, 'HTTP Method must be one of'],
    [{ method: 'GET', path: '/contacts', version: '2020-01-01' }, 'API Version must be one of'],
    [{ method: 'GET', path: '/contacts', body: '{"a":1}' }, 'A GET request has no body'],
    [{ method: 'POST', path: '/contacts', body: '{"a":1,}' }, 'Body must be a JSON object or array'],
    [{ method: 'POST', path: '/contacts', body: '"text"' }, 'Body must be a JSON object or array'],
    [{ method: 'GET', path: '/contacts', query: 'a=b' }, 'Query must be a list of name/value pairs'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  const ESCAPES = [
    'https://evil.example/contacts',
    'http://services.leadconnectorhq.com/contacts',
    'HTTPS://services.leadconnectorhq.com.evil.example/',
    '//evil.example/contacts',
    '\\\\evil.example\\contacts',
    '/\\evil.example',
    'evil.example/contacts',
    'contacts/abc',
    'javascript:alert(1)',
    'data:text/plain,hi',
    '/contacts/../oauth/token',
    '/contacts/..',
    '/..',
    '/./contacts',
    '/contacts/%2e%2e/users',
    '/contacts/%2E%2E/users',
    '/contacts/.%2e/users',
    '/contacts/%2e./users',
    '/contacts%2f..%2fusers',
    '/contacts/%2F/x',
    '/contacts%5c..%5cusers',
    '/contacts/%252e%252e/users',
    '/contacts/%00',
    '/contacts/%zz',
    '/contacts/abc?locationId=other',
    '/contacts/abc#frag',
    '/contacts/a b',
    '/contacts/\u2025',
    '/contacts/\uff0e\uff0e/x',
    '/oauth/token',
    '/OAuth/locationToken',
  ];

  it.each(ESCAPES.map((path) => [path]))('refuses the path %j plainly, before any request', async (path) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle({ method: 'GET', path })));
    expect(error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^(API Request refused the path|Path is required)/),
    });
    expect(error.message).toContain('Nothing was sent.');
    expect(sentAny(guard)).toBe(false);
  });

  it('sends "/@host" to the API host: after the host, @ is an ordinary path character', async () => {
    const api = highlevel().get('/@evil.example').reply(200, {});
    expect(await appTester(perform, makeBundle({ method: 'GET', path: '/@evil.example' }))).toMatchObject({
      status: 200,
    });
    api.done();
  });

  it('property: any path is either refused before sending or requested on the API host, exactly as given', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '.',
        '..',
        '%2e',
        '%2E%2e',
        '%2f',
        '%5C',
        '%25',
        '%',
        '\\',
        '//',
        '?',
        '#',
        ' ',
        '@',
        ':',
        '~',
        'contacts',
        'abc',
      ),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/),
    );
    const path = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
      fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')),
      fc.webUrl(),
      fc.webUrl().map((url) => url.replace(/^https?:/, '')),
    );
    await fc.assert(
      fc.asyncProperty(path, async (candidate) => {
        nock.cleanAll();
        let requested: string | undefined;
        nock(/.*/)
          .get(() => true)
          .reply(function (uri) {
            requested = `https://${this.req.headers.host}${uri}`;
            return [200, {}];
          });
        try {
          await appTester(perform, makeBundle({ method: 'GET', path: candidate }));
        } catch (error) {
          const message = (error as Error).message;
          if (requested !== undefined) throw new Error(`sent ${requested} and then failed: ${message}`);
          if (!/invalid_input/.test(message)) throw new Error(`not a plain refusal: ${message}`);
          return;
        } finally {
          nock.cleanAll();
        }
        if (requested === undefined) throw new Error('succeeded without a request');
        const url = new URL(requested);
        expect(url.origin).toBe(API_URL);
        expect(url.pathname).toBe(candidate.trim());
        expect(url.search).toBe('');
        expect(url.pathname.split('/')).not.toContain('..');
        expect(decodeURIComponent(url.pathname)).not.toMatch(/\/\.\.?(\/|$)|\\/);
      }),
      { numRuns: 150 },
    );
  });
});
