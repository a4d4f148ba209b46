/**
 * The request core (lib/core/request.ts) and the endpoints built on it, through the real app middleware:
 * headers, URL building, zod parsing, retries, and every row of DESIGN.md §3 as a user would see it.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { httpSettings } from '../../../lib/config';
import {
  createContact,
  deleteContact,
  findContactById,
  findDuplicateContact,
  listBusinessContacts,
  removeContactTags,
  searchContacts,
  updateContact,
  upsertContact,
} from '../../../lib/contacts/api';
import { nullIfNotFound } from '../../../lib/core/errors';
import { apiPath, pathSegment, plainIssue, quoted, send } from '../../../lib/core/request';
import { contactSchema } from '../../../lib/contacts/model';
import { taskSchema } from '../../../lib/tasks/model';
import { listTimezones } from '../../../lib/lookups/timezones';
import { listContactNotes } from '../../../lib/notes/api';
import { createTask, findTaskById, searchLocationTasks } from '../../../lib/tasks/api';
import {
  ACCESS_TOKEN,
  API_URL,
  CLIENT_SECRET,
  LOCATION_ID,
  REFRESH_TOKEN,
  appTester,
  caught as caughtError,
  highlevel,
  makeBundle,
} from '../../helpers';

type Run<T> = (z: ZObject, bundle: Bundle) => Promise<T>;
/** Runs `fn` as a Zap step would (real middleware), with a fresh z.cache. */
const run = <T>(fn: Run<T>, bundle = makeBundle({})) => appTester(fn, bundle, true);

const contact = { id: 'c1', locationId: LOCATION_ID, firstName: 'Rosa' };

/** A plain read of one contact through the core, as every endpoint's read is made. */
const getContact = async (z: ZObject, contactId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}`,
      schema: zod.object({ contact: contactSchema() }),
      scope: 'contacts.readonly',
      resource: quoted('contact', contactId),
    })
  ).contact;

/** A plain read of one task (a 404 names the task). */
const getTask = async (z: ZObject, contactId: string, taskId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/tasks/${taskId}`,
      schema: zod.object({ task: taskSchema() }),
      scope: 'contacts.readonly',
      resource: quoted('task', taskId),
    })
  ).task;

/** Every error of these tests is checked for secrets, whatever else the test asserts. */
const caught = async (promise: Promise<unknown>) => {
  const error = await caughtError(promise);
  for (const secret of [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET]) expect(error.raw).not.toContain(secret);
  return error;
};

const defaults = { ...httpSettings };
beforeEach(() => {
  // Retries keep their shape but not their waits; one test below checks the real backoff.
  httpSettings.readRetryDelaysMs = [5, 5];
});
const savedApiUrl = process.env.HIGHLEVEL_API_URL;
afterEach(() => {
  Object.assign(httpSettings, defaults);
  if (savedApiUrl === undefined) delete process.env.HIGHLEVEL_API_URL;
  else process.env.HIGHLEVEL_API_URL = savedApiUrl;
});

/** A nock reply that counts how often it was called. */
const counted = (status: number, body: unknown, headers: Record<string, string> = {}) => {
  const calls = { count: 0 };
  const reply = (): [number, string, Record<string, string>] => {
    calls.count += 1;
    return [status, typeof body === 'string' ? body : JSON.stringify(body), headers];
  };
  return { calls, reply };
};

const WRITE_UNCONFIRMED =
  'HighLevel did not confirm the change in time, so it may or may not have been saved. Check HighLevel before running this step again.';

/** What a dropped connection looks like to the HTTP layer. */
const connectionReset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

/** The `{message, delay}` a ThrottledError carries as JSON. */
const throttled = (raw: string) => JSON.parse(raw) as { message: string; delay: number };

describe('requests', () => {
  it('sends Version, Accept and the bearer token on a GET', async () => {
    const scope = highlevel()
      .matchHeader('accept', 'application/json')
      .get('/contacts/c1')
      .reply(200, { contact });
    expect(await run((z) => getContact(z, 'c1'))).toEqual(contact);
    scope.done();
  });

  it('sends Version and a JSON body on a POST, with the locationId of the connection', async () => {
    const scope = highlevel()
      .matchHeader('content-type', /^application\/json/)
      .post('/contacts/', { firstName: 'Rosa', email: 'rosa@example.com', locationId: LOCATION_ID })
      .reply(201, { contact });
    await run((z, b) => createContact(z, b, { firstName: 'Rosa', email: 'rosa@example.com' }));
    scope.done();
  });

  it('sends Version on PUT and DELETE (with a JSON body on DELETE)', async () => {
    const scope = highlevel()
      .put('/contacts/c1', { lastName: 'Diaz' })
      .reply(200, { succeded: true, contact })
      .delete('/contacts/c1/tags', { tags: ['vip'] })
      .reply(200, { tags: [] })
      .delete('/contacts/c1')
      .reply(200, { succeded: true });
    await run(async (z) => {
      await updateContact(z, 'c1', { lastName: 'Diaz' });
      await removeContactTags(z, 'c1', ['vip']);
      return deleteContact(z, 'c1');
    });
    scope.done();
  });

  it('sends nothing but the given keys (no undefined keys in the body)', async () => {
    let sent: unknown;
    const scope = highlevel()
      .post('/contacts/upsert')
      .reply(200, (_uri, body) => {
        sent = body;
        return { new: true, contact };
      });
    const result = await run((z, b) => upsertContact(z, b, { email: 'a@example.com', phone: undefined }));
    scope.done();
    expect(sent).toEqual({ email: 'a@example.com', locationId: LOCATION_ID });
    expect(result).toEqual({ isNew: true, contact });
  });

  it('puts the connection locationId into a search body', async () => {
    const scope = highlevel()
      .post('/contacts/search', { locationId: LOCATION_ID, pageLimit: 5, query: 'rosa' })
      .reply(200, { contacts: [contact], total: 1 });
    const result = await run((z, b) => searchContacts(z, b, { pageLimit: 5, query: 'rosa' }));
    scope.done();
    expect(result).toEqual({ contacts: [contact], total: 1 });
  });

  it('encodes query parameters (+ → %2B, @ → %40) and drops undefined ones', async () => {
    let path = '';
    const scope = highlevel()
      .get('/contacts/search/duplicate')
      .query(true)
      .reply(function () {
        path = this.req.path;
        return [200, { contact: null }];
      });
    const found = await run((z, b) =>
      findDuplicateContact(z, b, { email: 'a+b@example.com', number: '+14155550123' }),
    );
    scope.done();
    expect(found).toBeNull();
    expect(path).toBe(
      `/contacts/search/duplicate?locationId=${LOCATION_ID}&email=a%2Bb%40example.com&number=%2B14155550123`,
    );
  });

  it('leaves an undefined query parameter out entirely', async () => {
    let path = '';
    const scope = highlevel()
      .get('/contacts/search/duplicate')
      .query(true)
      .reply(function () {
        path = this.req.path;
        return [200, { contact }];
      });
    const found = await run((z, b) => findDuplicateContact(z, b, { email: 'rosa@example.com' }));
    scope.done();
    expect(found).toEqual(contact);
    expect(path).toBe(`/contacts/search/duplicate?locationId=${LOCATION_ID}&email=rosa%40example.com`);
  });

  it('encodes a business contacts query with spaces, & and =', async () => {
    let path = '';
    const scope = highlevel()
      .get('/contacts/business/b1')
      .query(true)
      .reply(function () {
        path = this.req.path;
        return [200, { contacts: [], count: 0 }];
      });
    await run((z, b) => listBusinessContacts(z, b, 'b1', { limit: 10, query: 'a b&c=d' }));
    scope.done();
    expect(path).toBe(`/contacts/business/b1?locationId=${LOCATION_ID}&limit=10&query=a%20b%26c%3Dd`);
  });

  it('refuses to send a Contacts call without a sub-account in the connection', async () => {
    const error = await caught(
      run((z, b) => createContact(z, b, {}), makeBundle({}, {}, { locationId: '' })),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.raw).toMatch(/^This HighLevel connection is not linked to a sub-account\./);
  });
});

describe('path encoding', () => {
  it.each([
    ['a/b', 'a%2Fb'],
    ['a?b=c', 'a%3Fb%3Dc'],
    ['a#b', 'a%23b'],
    ['100%', '100%25'],
    ['../locations/x', '%2E%2E%2Flocations%2Fx'],
    ['a.b', 'a%2Eb'],
    ['a b', 'a%20b'],
  ])('pathSegment(%j) is one segment: %s', (id, encoded) => {
    expect(pathSegment(id)).toBe(encoded);
    expect(apiPath`/contacts/${id}/tasks`).toBe(`/contacts/${encoded}/tasks`);
    // What the HTTP layer will send: WHATWG URL parsing must not change the path.
    expect(new URL(`${API_URL}${apiPath`/contacts/${id}/tasks`}`).pathname).toBe(
      `/contacts/${encoded}/tasks`,
    );
  });

  it.each(['', '.', '..'])('pathSegment refuses %j (it would change the path)', (id) => {
    expect(() => pathSegment(id)).toThrow();
  });

  it('encodes every interpolated segment and nothing else', () => {
    expect(apiPath`/contacts/${'a/b'}/tasks/${'t?1'}/completed`).toBe(
      '/contacts/a%2Fb/tasks/t%3F1/completed',
    );
    expect(apiPath`/contacts/`).toBe('/contacts/');
  });

  it('sends hostile ids as single segments of the intended path', async () => {
    const scope = highlevel()
      .get('/contacts/%2E%2E%2Flocations%2Fx/tasks/a%3Fb%23c%25')
      .reply(200, { task: { id: 't1' } });
    const task = await run((z) => getTask(z, '../locations/x', 'a?b#c%'));
    scope.done();
    expect(task).toEqual({ id: 't1' });
  });

  it.each([
    ['..', 't1'],
    ['c1', '..'],
    ['.', 't1'],
  ])('never sends a request for the dot segment ids (%j, %j)', async (contactId, taskId) => {
    const scope = highlevel()
      .get(/.*/)
      .reply(200, { task: { id: 't1' } });
    const error = await caught(run((z) => getTask(z, contactId, taskId)));
    expect(error.raw).toMatch(/path/i);
    expect(scope.isDone()).toBe(false);
  });
});

describe('base URL', () => {
  it('refuses a plain-http HIGHLEVEL_API_URL on another machine before sending anything', async () => {
    process.env.HIGHLEVEL_API_URL = 'http://api.example.com';
    const scope = nock('http://api.example.com').get(/.*/).reply(200, { contact });
    const error = await caught(run((z) => getContact(z, 'c1')));
    expect(error.raw).toMatch(
      'HIGHLEVEL_API_URL must use https (plain http is only allowed for a local sandbox).',
    );
    expect(scope.isDone()).toBe(false);
  });

  it('allows plain http on a loopback sandbox, with the bearer token and Version header', async () => {
    process.env.HIGHLEVEL_API_URL = 'http://127.0.0.1:4010/';
    const scope = nock('http://127.0.0.1:4010', {
      reqheaders: { version: '2021-07-28', authorization: `Bearer ${ACCESS_TOKEN}` },
    })
      .get('/contacts/c1')
      .reply(200, { contact });
    expect(await run((z) => getContact(z, 'c1'))).toEqual(contact);
    scope.done();
  });

  it("sends core's own user agent (core's http patch then logs the call once, not again as an outside request)", async () => {
    const scope = nock(API_URL, { reqheaders: { 'user-agent': 'Zapier', version: '2021-07-28' } })
      .get('/contacts/c1')
      .reply(200, { contact });
    expect(await run((z) => getContact(z, 'c1'))).toEqual(contact);
    scope.done();
  });

  it('accepts another https base (e.g. a proxy) and keeps its path prefix', async () => {
    process.env.HIGHLEVEL_API_URL = 'https://proxy.example.com/highlevel/';
    const scope = nock('https://proxy.example.com', {
      reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` },
    })
      .get('/highlevel/contacts/c1')
      .reply(200, { contact });
    await run((z) => getContact(z, 'c1'));
    scope.done();
  });
});

describe('DESIGN.md §3: what users see', () => {
  it('401 → RefreshAuthError (Zapier refreshes and retries), one request', async () => {
    const { calls, reply } = counted(401, {
      statusCode: 401,
      message: 'Invalid token: access token is invalid',
      error: 'Unauthorized',
    });
    const scope = highlevel().get('/contacts/c1').times(3).reply(reply);
    const error = await caught(run((z) => getContact(z, 'c1')));
    expect(error.name).toBe('RefreshAuthError');
    expect(calls.count).toBe(1);
    expect(scope.isDone()).toBe(false); // the other two replies were never asked for
  });

  it('401 "Command timed out" on a read: retried like a 5xx, then a plain message, never a refresh', async () => {
    const { calls, reply } = counted(401, { statusCode: 401, message: 'Command timed out', traceId: 'tr-9' });
    highlevel().get('/contacts/c1').times(4).reply(reply);
    const error = await caught(run((z) => getContact(z, 'c1')));
    expect(calls.count).toBe(3);
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('server_error');
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      'HighLevel took too long to answer ("Command timed out"), even after trying again. Please try again in a few minutes; there is no need to reconnect. (HighLevel trace ID: tr-9)',
    );
  });

  it('401 "Command timed out" on a read that then succeeds returns the data', async () => {
    const scope = highlevel()
      .get('/contacts/c1')
      .reply(401, { statusCode: 401, message: 'Command timed out' })
      .get('/contacts/c1')
      .reply(200, { contact });
    expect(await run((z) => getContact(z, 'c1'))).toEqual(contact);
    scope.done();
  });

  it('401 "Command timed out" on a write: one request, may-or-may-not message, no reconnect', async () => {
    const { calls, reply } = counted(401, { statusCode: 401, message: ['Command timed out'] });
    highlevel().post('/contacts/').times(2).reply(reply);
    const error = await caught(run((z, b) => createContact(z, b, { firstName: 'A' })));
    expect(calls.count).toBe(1);
    expect(error.code).toBe('server_error');
    expect(error.message).toBe(
      'HighLevel took too long to answer ("Command timed out") while saving. The change may or may not have been made: check HighLevel before running this step again. There is no need to reconnect.',
    );
  });

  it('401 on a write → RefreshAuthError as well', async () => {
    const scope = highlevel().post('/contacts/').reply(401, { statusCode: 401, message: 'Invalid token' });
    const error = await caught(run((z, b) => createContact(z, b, { firstName: 'A' })));
    scope.done();
    expect(error.name).toBe('RefreshAuthError');
  });

  it('403 "does not have access to this location" for a contact → not in this sub-account, never reconnect', async () => {
    const scope = highlevel().get('/contacts/c1').reply(403, {
      statusCode: 403,
      message: 'The token does not have access to this location.',
      traceId: 'tr-1',
    });
    const error = await caught(run((z) => getContact(z, 'c1')));
    scope.done();
    expect(error.code).toBe('not_found');
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      'The contact "c1" is not in this sub-account: HighLevel says it belongs to another one. Use an id from ' +
        'the sub-account this connection is for. (HighLevel trace ID: tr-1)',
    );
    expect(error.message).not.toMatch(/reconnect/i);
  });

  it('401 "not authorized for this scope" → names the permission, no refresh', async () => {
    const scope = highlevel()
      .get('/contacts/c1')
      .reply(401, { statusCode: 401, message: 'The token is not authorized for this scope.' });
    const error = await caught(run((z) => getContact(z, 'c1')));
    scope.done();
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/the "View Contacts" permission \(contacts\.readonly\)/);
  });

  it('403 on a write names the write permission', async () => {
    const scope = highlevel().post('/contacts/c1/tasks').reply(403, {});
    const error = await caught(
      run((z) => createTask(z, 'c1', { title: 'Call', dueDate: '2026-12-01T10:00:00Z', completed: false })),
    );
    scope.done();
    expect(error.message).toContain('This step needs the "contacts.write" permission.');
    expect(error.message).toMatch(/reconnect your HighLevel account/);
  });

  it('404 in an action → "The contact "x" was not found in this sub-account."', async () => {
    const scope = highlevel()
      .get('/contacts/x')
      .reply(404, { statusCode: 404, message: 'Contact not found' });
    const error = await caught(run((z) => getContact(z, 'x')));
    scope.done();
    expect(error.code).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.message).toBe('The contact "x" was not found in this sub-account.');
  });

  it('404 names a task by its id, with the traceId', async () => {
    const scope = highlevel()
      .get('/contacts/c1/tasks/t9')
      .reply(404, { message: 'Not found', traceId: 'tr-9' });
    const error = await caught(run((z) => getTask(z, 'c1', 't9')));
    scope.done();
    expect(error.message).toBe('The task "t9" was not found in this sub-account. (HighLevel trace ID: tr-9)');
  });

  it('404 in a search → null (nullIfNotFound), one request', async () => {
    const scope = highlevel()
      .get('/contacts/x')
      .reply(404, { statusCode: 404 })
      .get('/contacts/c1/tasks/t9')
      .reply(404, {});
    expect(await run((z) => findContactById(z, 'x'))).toBeNull();
    expect(await run((z) => findTaskById(z, 'c1', 't9'))).toBeNull();
    scope.done();
  });

  it('nullIfNotFound(send()) returns the data when found and rethrows anything but a 404', async () => {
    const scope = highlevel().get('/contacts/c1').reply(200, { contact }).get('/contacts/c2').reply(403, {});
    const request = (id: string) => ({
      method: 'GET' as const,
      path: apiPath`/contacts/${id}`,
      schema: zod.object({ contact: zod.object({ id: zod.string() }) }),
      scope: 'contacts.readonly' as const,
    });
    expect(await run((z) => nullIfNotFound(send(z, request('c1'))))).toEqual({ contact: { id: 'c1' } });
    expect((await caught(run((z) => nullIfNotFound(send(z, request('c2')))))).code).toBe('forbidden');
    scope.done();
  });

  it('422 → HighLevel’s array of messages, joined, with the traceId', async () => {
    const scope = highlevel()
      .post('/contacts/')
      .reply(422, {
        statusCode: 422,
        message: ['email must be an email', 'property foo should not exist.'],
        error: 'Unprocessable Entity',
        traceId: 'tr-422',
      });
    const error = await caught(run((z, b) => createContact(z, b, { email: 'x' })));
    scope.done();
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(422);
    expect(error.message).toBe(
      'HighLevel rejected the request: email must be an email; property foo should not exist. (HighLevel trace ID: tr-422)',
    );
  });

  it('400 → HighLevel’s message with the traceId, not retried', async () => {
    const { calls, reply } = counted(400, {
      statusCode: 400,
      message: 'This location does not allow duplicated contacts.',
      traceId: 'tr-400',
    });
    highlevel().post('/contacts/search').times(3).reply(reply);
    const error = await caught(run((z, b) => searchContacts(z, b, { pageLimit: 1 })));
    expect(calls.count).toBe(1);
    expect(error.code).toBe('bad_request');
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'HighLevel rejected the request: This location does not allow duplicated contacts. (HighLevel trace ID: tr-400)',
    );
  });

  it('400 without a message still says it was rejected', async () => {
    const scope = highlevel().put('/contacts/c1').reply(400, '');
    const error = await caught(run((z) => updateContact(z, 'c1', { firstName: 'A' })));
    scope.done();
    expect(error.message).toBe('HighLevel rejected the request as invalid.');
  });

  describe('429 → ThrottledError', () => {
    const throttledBy = async (headers: Record<string, string>) => {
      const { calls, reply } = counted(429, { statusCode: 429, message: 'Too many requests' }, headers);
      highlevel().get('/contacts/c1').times(3).reply(reply);
      const error = await caught(run((z) => getContact(z, 'c1')));
      expect(error.name).toBe('ThrottledError');
      expect(calls.count).toBe(1); // never retried in-process: Zapier waits and retries the step
      return throttled(error.raw);
    };

    it('waits for Retry-After', async () => {
      expect(await throttledBy({ 'Retry-After': '37' })).toEqual({
        message: "HighLevel's rate limit for this sub-account was reached. Zapier will try again shortly.",
        delay: 37,
      });
    });

    it('prefers Retry-After over the rate-limit headers', async () => {
      const result = await throttledBy({ 'Retry-After': '3', 'X-RateLimit-Interval-Milliseconds': '10000' });
      expect(result.delay).toBe(3);
    });

    it('waits for the burst interval when only the X-RateLimit-* headers are sent', async () => {
      const result = await throttledBy({
        'X-RateLimit-Max': '100',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Interval-Milliseconds': '25000',
        'X-RateLimit-Limit-Daily': '200000',
        'X-RateLimit-Daily-Remaining': '15000',
      });
      expect(result.delay).toBe(25);
    });

    it('waits a default 10 s without any header', async () => {
      expect((await throttledBy({})).delay).toBe(10);
    });

    it('says the daily limit is used up and waits an hour', async () => {
      expect(
        await throttledBy({
          'X-RateLimit-Limit-Daily': '200000',
          'X-RateLimit-Daily-Remaining': '0',
          'X-RateLimit-Interval-Milliseconds': '10000',
        }),
      ).toEqual({
        message:
          "HighLevel's daily request limit for this sub-account is used up. Zapier will try again later.",
        delay: 3600,
      });
    });

    it('is thrown for a write too, which is not sent twice', async () => {
      const { calls, reply } = counted(429, {}, { 'Retry-After': '5' });
      highlevel().post('/contacts/').times(2).reply(reply);
      const error = await caught(run((z, b) => createContact(z, b, {})));
      expect(error.name).toBe('ThrottledError');
      expect(throttled(error.raw).delay).toBe(5);
      expect(calls.count).toBe(1);
    });
  });

  describe('5xx and network failures', () => {
    it('retries a read on 5xx: three attempts, then a clear error', async () => {
      const { calls, reply } = counted(503, { statusCode: 503, message: 'Service Unavailable' });
      highlevel().get('/contacts/c1').times(4).reply(reply);
      const error = await caught(run((z) => getContact(z, 'c1')));
      expect(calls.count).toBe(3);
      expect(error.code).toBe('server_error');
      expect(error.status).toBe(503);
      expect(error.message).toBe(
        'HighLevel had a temporary problem (HTTP 503): Service Unavailable. Please try again in a few minutes.',
      );
    });

    it('returns the data when the second attempt succeeds', async () => {
      const scope = highlevel()
        .get('/contacts/c1/notes')
        .reply(500, { message: 'boom' })
        .get('/contacts/c1/notes')
        .reply(200, { notes: [{ id: 'n1', body: 'Hi' }] });
      expect(await run((z) => listContactNotes(z, 'c1'))).toEqual([{ id: 'n1', body: 'Hi' }]);
      scope.done();
    });

    it('retries the search POSTs (idempotent reads)', async () => {
      const scope = highlevel()
        .post('/contacts/search')
        .reply(502, '<html>Bad gateway</html>')
        .post(`/locations/${LOCATION_ID}/tasks/search`)
        .reply(504, '')
        .post('/contacts/search')
        .reply(200, { contacts: [] })
        .post(`/locations/${LOCATION_ID}/tasks/search`)
        .reply(200, { tasks: [{ _id: 't1', title: 'Call', contactId: 'c1' }] });
      const tasks = await run(async (z, b) => {
        await searchContacts(z, b, { pageLimit: 1 });
        return searchLocationTasks(z, b, { completed: false });
      });
      scope.done();
      // The location task search sends `_id` (HIGHLEVEL.md §8): it becomes `id`.
      expect(tasks).toEqual([expect.objectContaining({ id: 't1', title: 'Call', contactId: 'c1' })]);
    });

    it('uses the configured backoff (300 ms, then 1 s) between read attempts', async () => {
      Object.assign(httpSettings, defaults);
      const { calls, reply } = counted(500, {});
      highlevel().get('/contacts/c1').times(3).reply(reply);
      const started = Date.now();
      const error = await caught(run((z) => getContact(z, 'c1')));
      const elapsed = Date.now() - started;
      expect(calls.count).toBe(3);
      expect(error.code).toBe('server_error');
      expect(elapsed).toBeGreaterThanOrEqual(1_250);
      expect(elapsed).toBeLessThan(5_000);
    });

    it.each<[string, Run<unknown>, 'post' | 'put' | 'delete', string]>([
      ['POST /contacts/', (z, b) => createContact(z, b, { firstName: 'A' }), 'post', '/contacts/'],
      ['PUT /contacts/c1', (z) => updateContact(z, 'c1', {}), 'put', '/contacts/c1'],
      ['DELETE /contacts/c1', (z) => deleteContact(z, 'c1'), 'delete', '/contacts/c1'],
    ])('never retries a write on 5xx (%s): exactly one request', async (_name, write, method, path) => {
      const { calls, reply } = counted(500, { statusCode: 500, message: 'Internal server error' });
      highlevel()[method](path).times(3).reply(reply);
      const error = await caught(run(write));
      expect(calls.count).toBe(1);
      expect(error.code).toBe('server_error');
      expect(error.status).toBe(500);
    });

    it('retries a read after a connection reset, and returns the data', async () => {
      const scope = highlevel()
        .get('/contacts/c1')
        .replyWithError(connectionReset())
        .get('/contacts/c1')
        .reply(200, { contact });
      expect(await run((z) => getContact(z, 'c1'))).toEqual(contact);
      scope.done();
    });

    it('gives a plain network error after three resets on a read', async () => {
      const scope = highlevel().get('/contacts/c1').times(3).replyWithError(connectionReset());
      const error = await caught(run((z) => getContact(z, 'c1')));
      scope.done();
      expect(error.code).toBe('network_error');
      expect(error.message).toBe(
        'Could not reach HighLevel (the connection failed). Please try again in a few minutes.',
      );
    });

    it('does not retry a write after a connection reset', async () => {
      const scope = highlevel()
        .post('/contacts/')
        .replyWithError(connectionReset())
        .post('/contacts/')
        .reply(201, { contact });
      const error = await caught(run((z, b) => createContact(z, b, {})));
      expect(error.code).toBe('network_error');
      // It may have happened: the message must not invite a blind retry.
      expect(error.message).toBe(WRITE_UNCONFIRMED);
      expect(scope.pendingMocks()).toHaveLength(1);
    });

    it('says plainly that a write was not sent when the connection was refused', async () => {
      const scope = highlevel()
        .post('/contacts/')
        .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      const error = await caught(run((z, b) => createContact(z, b, {})));
      scope.done();
      expect(error.code).toBe('network_error');
      expect(error.message).toBe(
        'Could not reach HighLevel (the connection failed). Please try again in a few minutes.',
      );
    });

    it('times a read out, retries it, then says HighLevel did not answer', async () => {
      httpSettings.readTimeoutMs = 40;
      const { calls, reply } = counted(200, { contact });
      highlevel().get('/contacts/c1').times(3).delay(400).reply(reply);
      const error = await caught(run((z) => getContact(z, 'c1')));
      expect(error.code).toBe('network_error');
      expect(error.message).toMatch(/^HighLevel did not answer in time\./);
      expect(nock.pendingMocks()).toHaveLength(0); // three attempts reached HighLevel
      expect(calls.count).toBeLessThanOrEqual(3);
    });

    it('times a write out once and never sends it again', async () => {
      httpSettings.writeTimeoutMs = 40;
      const scope = highlevel()
        .post('/contacts/')
        .delay(400)
        .reply(201, { contact })
        .post('/contacts/')
        .reply(201, { contact });
      const error = await caught(run((z, b) => createContact(z, b, { firstName: 'A' })));
      expect(error.code).toBe('network_error');
      expect(error.message).toBe(WRITE_UNCONFIRMED);
      expect(scope.pendingMocks()).toHaveLength(1);
    });
  });
});

describe('response bodies', () => {
  it('a 200 that is not JSON → a clear error, not a crash', async () => {
    const scope = highlevel()
      .get('/contacts/c1')
      .reply(200, '<html>Cloudflare</html>', { 'Content-Type': 'text/html' });
    const error = await caught(run((z) => getContact(z, 'c1')));
    scope.done();
    expect(error.code).toBe('unexpected_response');
    expect(error.message).toBe(
      'HighLevel sent a response that is not JSON. Please try again in a few minutes.',
    );
  });

  it('JSON of the wrong shape → a plain error naming what was wrong, the detail only in the log', async () => {
    const scope = highlevel()
      .get('/contacts/c1')
      .reply(200, { contact: { firstName: 'No id' } });
    const error = await caught(run((z) => getContact(z, 'c1')));
    scope.done();
    expect(error.code).toBe('unexpected_response');
    expect(error.message).toBe(
      `HighLevel's answer had a contact whose "id" is not in the form HighLevel documents. Please try again; if it keeps happening, contact support.`,
    );
  });

  it('an empty 200 body → a clear error when data was expected', async () => {
    const scope = highlevel().get('/contacts/c1').reply(200, '');
    const error = await caught(run((z) => getContact(z, 'c1')));
    scope.done();
    expect(error.code).toBe('unexpected_response');
    expect(error.message).toBe(
      "HighLevel's answer had no contact. Please try again; if it keeps happening, contact support.",
    );
  });

  it.each([
    [{}, "HighLevel's answer had no list of contacts"],
    [{ contacts: 'x' }, "HighLevel's answer had something unexpected where the list of contacts should be"],
    [[], "HighLevel's answer was not in the form HighLevel documents"],
  ])('a search answer %j → "%s", no schema jargon', (body, says) => {
    const parsed = zod.object({ contacts: zod.array(zod.object({ id: zod.string() })) }).safeParse(body);
    if (parsed.success) throw new Error('expected a failure');
    const message = plainIssue(parsed.error);
    expect(message).toBe(says);
    expect(message).not.toMatch(/Invalid input|\bexpected\b|received|undefined/);
  });

  it('an empty 200 body is fine where nothing is expected (delete)', async () => {
    const scope = highlevel().delete('/contacts/c1').reply(200, '');
    expect(await run((z) => deleteContact(z, 'c1'))).toEqual({});
    scope.done();
  });

  it('keeps unknown extra fields instead of failing', async () => {
    const scope = highlevel()
      .get('/contacts/c1')
      .reply(200, { contact: { ...contact, brandNew: 1 }, traceId: 'x' });
    expect(await run((z) => getContact(z, 'c1'))).toEqual({ ...contact, brandNew: 1 });
    scope.done();
  });

  it('a wrong-shaped body is not retried', async () => {
    const { calls, reply } = counted(200, { contacts: 'nope' });
    highlevel().post('/contacts/search').times(3).reply(reply);
    const error = await caught(run((z, b) => searchContacts(z, b, { pageLimit: 1 })));
    expect(error.code).toBe('unexpected_response');
    expect(error.message).toMatch(
      /^HighLevel's answer had something unexpected where the list of contacts should be\./,
    );
    expect(calls.count).toBe(1);
  });

  it.each([
    [['America/New_York', 'Europe/Berlin']],
    [{ timeZones: ['America/New_York', 'Europe/Berlin'] }],
    [{ timezones: ['America/New_York', 'Europe/Berlin'] }],
  ])('reads the undocumented timezones body %j', async (body) => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}/timezones`).reply(200, body);
    expect(await run((z, b) => listTimezones(z, b))).toEqual(['America/New_York', 'Europe/Berlin']);
    scope.done();
  });

  it('reads a duplicate search answer as found or not found', async () => {
    const scope = highlevel()
      .get('/contacts/search/duplicate')
      .query(true)
      .reply(200, { contact })
      .get('/contacts/search/duplicate')
      .query(true)
      .reply(200, {})
      .get('/contacts/search/duplicate')
      .query(true)
      .reply(404, { message: 'Not found' });
    const results = await run(async (z, b) => [
      await findDuplicateContact(z, b, { email: 'a@example.com' }),
      await findDuplicateContact(z, b, { email: 'a@example.com' }),
      await findDuplicateContact(z, b, { email: 'a@example.com' }),
    ]);
    scope.done();
    expect(results).toEqual([contact, null, null]);
  });

  it('a 404 on a business contacts list is null (search semantics)', async () => {
    const scope = highlevel().get('/contacts/business/b9').query(true).reply(404, {});
    expect(await run((z, b) => listBusinessContacts(z, b, 'b9'))).toBeNull();
    scope.done();
  });

  it('send() parses with the schema it is given', async () => {
    const scope = highlevel().get('/users/').query({ locationId: LOCATION_ID }).reply(200, { n: '3' });
    const result = await run((z) =>
      send(z, {
        method: 'GET',
        path: '/users/',
        query: { locationId: LOCATION_ID },
        schema: zod.object({ n: zod.coerce.number() }),
        scope: 'users.readonly',
      }),
    );
    scope.done();
    expect(result).toEqual({ n: 3 });
  });
});
