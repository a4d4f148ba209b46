import { startSandbox, type Sandbox } from '../../sandbox/server';
import { call, client, type Client, type ContactOut, type ErrorOut } from './helpers';

let sandbox: Sandbox;
let api: Client;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 20, rateLimit: { max: 100_000, intervalMs: 10_000 } });
  token = sandbox.issueTokens().access_token;
  api = client(sandbox, token);
});
afterAll(() => sandbox.close());

describe('request validation (HighLevel 422 shape)', () => {
  it('rejects an unknown body key with "property X should not exist"', async () => {
    const res = await api.post('/contacts/', {
      locationId: sandbox.locationId,
      firstName: 'Ann',
      favouriteColour: 'red',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      message: ['property favouriteColour should not exist'],
      error: 'Unprocessable Entity',
    });
    expect(typeof res.body.traceId).toBe('string');
  });

  it('rejects a search without pageLimit', async () => {
    const res = await api.post('/contacts/search', { locationId: sandbox.locationId });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(['pageLimit should not be empty']);
  });

  it('reports wrong types with class-validator style messages, all at once', async () => {
    const res = await api.post('/contacts/', {
      locationId: sandbox.locationId,
      firstName: 42,
      dnd: 'yes',
      tags: ['ok', 7],
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'firstName must be a string',
        'dnd must be a boolean value',
        'each value in tags must be a string',
      ]),
    );
  });

  it('whitelists nested objects too (custom field items, dndSettings)', async () => {
    const res = await api.post('/contacts/', {
      locationId: sandbox.locationId,
      customFields: [{ id: 'x', value: 'not the write key' }],
      dndSettings: { SMS: { status: 'active', extra: true } },
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'customFields.0.property value should not exist',
        'dndSettings.SMS.property extra should not exist',
      ]),
    );
  });

  it('does not accept locationId or gender on update (UpdateContactDto)', async () => {
    const created = await api.post<{ contact: ContactOut }>('/contacts/', {
      locationId: sandbox.locationId,
      firstName: 'Up',
    });
    const res = await api.put(`/contacts/${created.body.contact.id}`, {
      locationId: sandbox.locationId,
      gender: 'male',
    });
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(
      expect.arrayContaining(['property locationId should not exist', 'property gender should not exist']),
    );
  });

  it('rejects unknown query parameters on endpoints with a query DTO', async () => {
    const res = await api.get(
      `/contacts/search/duplicate?locationId=${sandbox.locationId}&phone=%2B15550000000`,
    );
    expect(res.status).toBe(422);
    expect(res.body.message).toEqual(['property phone should not exist']);
  });

  it('rejects a body that is not an object and malformed JSON', async () => {
    const notObject = await api.post('/contacts/search', [1, 2]);
    expect(notObject.status).toBe(422);
    const malformed = await api.post('/contacts/search', '{"locationId": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.statusCode).toBe(400);
  });

  it('checks value formats HighLevel checks (email, phone, dateOfBirth, country, timezone)', async () => {
    const res = await api.post('/contacts/', {
      locationId: sandbox.locationId,
      email: 'not-an-email',
      phone: 'call me',
      dateOfBirth: '31/31/1990',
      country: 'United States',
      timezone: 'Mars/Olympus',
    });
    expect(res.status).toBe(422);
    const messages = res.body.message as string[];
    expect(messages).toContain('email must be an email');
    expect(messages).toContain('phone must be a valid phone number');
    expect(messages.some((m) => m.startsWith('dateOfBirth must be a valid date'))).toBe(true);
    expect(messages).toContain('country must be a valid ISO 3166-1 alpha-2 country code');
    expect(messages).toContain('timezone must be a valid IANA time zone');
  });
});

describe('Version header', () => {
  it('is required on API endpoints', async () => {
    const res = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, { token, version: null });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, message: 'Version header was not found' });
  });

  it('must be exactly 2021-07-28', async () => {
    const res = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, {
      token,
      version: '2021-04-15',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/Version header/);
    const ok = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, { token });
    expect(ok.status).toBe(200);
  });
});

describe('bearer token', () => {
  const unauthorized = {
    statusCode: 401,
    message: 'Invalid token: access token is invalid',
    error: 'Unauthorized',
  };

  it('401 without a token, with an unknown token, with a malformed header', async () => {
    const none = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`);
    expect(none.status).toBe(401);
    expect(none.body).toEqual(unauthorized);
    const unknown = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, { token: 'nope' });
    expect(unknown.status).toBe(401);
    const basic = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, {
      headers: { Authorization: `Basic ${token}` },
    });
    expect(basic.status).toBe(401);
  });

  it('401 once the access token expired', async () => {
    sandbox.setAccessTokenLifetime(0);
    const shortLived = sandbox.issueTokens();
    sandbox.setAccessTokenLifetime(86_399);
    const res = await call(sandbox, 'GET', `/locations/${sandbox.locationId}`, {
      token: shortLived.access_token,
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(unauthorized);
  });

  it('checks the token before validating the body', async () => {
    const res = await call(sandbox, 'POST', '/contacts/search', { body: { nope: 1 } });
    expect(res.status).toBe(401);
  });
});

describe('routing', () => {
  it('serves the spec paths with and without the trailing slash', async () => {
    const withSlash = await api.get(`/users/?locationId=${sandbox.locationId}`);
    const without = await api.get(`/users?locationId=${sandbox.locationId}`);
    expect(withSlash.status).toBe(200);
    expect(without.status).toBe(200);
  });

  it('answers 404 in NestJS style for unknown routes', async () => {
    const res = await api.get('/contacts/abc/unknown');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('treats an empty JSON body on DELETE as no body', async () => {
    const created = await api.post<{ contact: ContactOut }>('/contacts/', {
      locationId: sandbox.locationId,
      firstName: 'Del',
    });
    const res = await api.delete<{ succeded: boolean }>(`/contacts/${created.body.contact.id}`, undefined, {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ succeded: true });
  });

  it('answers unknown ids with 400 "… not found" (the spec documents no 404)', async () => {
    const res = await api.get<ErrorOut>('/contacts/doesNotExist0000000');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: 'Contact not found' });
    const encoded = await api.get<ErrorOut>(`/contacts/${encodeURIComponent('a/b')}`);
    expect(encoded.status).toBe(400);
  });

  it('logs every request (method, path without query, status, ms)', async () => {
    sandbox.clearLog();
    await api.get(`/users/?locationId=${sandbox.locationId}`);
    expect(sandbox.requestLog).toEqual([
      { method: 'GET', path: '/users/', status: 200, ms: expect.any(Number) },
    ]);
  });
});
