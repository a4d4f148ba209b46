/**
 * lib/core/errors.ts on its own: HighLevel error bodies and statuses → the class, code and plain message a
 * no-code user sees (DESIGN.md §3, HIGHLEVEL.md §4–§5), and the helpers around them.
 */
import { errors, type ZObject } from 'zapier-platform-core';
import {
  type ErrorContext,
  errorDetails,
  errorForResponse,
  isNetworkFailure,
  isNotFoundError,
  isRetryableError,
  networkError,
  nullIfNotFound,
  parseJson,
  readErrorBody,
  redactSecrets,
  throttleDelaySeconds,
  userError,
} from '../../../lib/core/errors';

const z = { errors } as unknown as ZObject;

const respond = (status: number, body: unknown = '', headers: Record<string, string> = {}) => ({
  status,
  content: typeof body === 'string' ? body : JSON.stringify(body),
  headers: new Headers(headers) as unknown as Parameters<typeof errorForResponse>[1]['headers'],
});

const mapped = (
  status: number,
  body: unknown = '',
  context: ErrorContext = {},
  headers: Record<string, string> = {},
) => {
  const error = errorForResponse(z, respond(status, body, headers), context);
  return { error, name: error.name, ...errorDetails(error) };
};

describe('errorForResponse', () => {
  it('401 → RefreshAuthError', () => {
    const { error } = mapped(401, { statusCode: 401, message: 'Invalid token: access token is invalid' });
    expect(error).toBeInstanceOf(errors.RefreshAuthError);
  });

  it('401 "Command timed out" → a server error a read retries, never a refresh', () => {
    expect(mapped(401, { statusCode: 401, message: 'Command timed out' })).toMatchObject({
      name: 'AppError',
      code: 'server_error',
      status: 401,
    });
    expect(mapped(401, { statusCode: 401, message: 'Command timed out' }, { write: true }).message).toMatch(
      /may or may not have been made.*no need to reconnect/,
    );
  });

  it.each([401, 403])(
    '%s "not authorized for this scope" → the permission by name, reconnect, traceId; never a refresh',
    (status) => {
      expect(
        mapped(
          status,
          { statusCode: status, message: 'The token is not authorized for this scope.', traceId: 't1' },
          { scope: 'locations/tags.readonly' },
        ),
      ).toMatchObject({
        name: 'AppError',
        // The code the custom-field and sub-account fallbacks look for.
        code: 'forbidden',
        status,
        message:
          'HighLevel refused this step because the connection does not have the "View Tags" permission ' +
          '(locations/tags.readonly). Reconnect your HighLevel account in Zapier and approve every permission ' +
          "asked for; if the permission is not offered, the HighLevel app's owner must add it. (HighLevel trace ID: t1)",
      });
    },
  );

  it('401 "not authorized for this scope" without a known scope still explains itself', () => {
    const error = mapped(401, { statusCode: 401, message: 'The token is not authorized for this scope.' });
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(
      /^HighLevel refused this step because the connection does not have a permission/,
    );
  });

  it('403 "does not have access to this location" for a record → not found in this sub-account', () => {
    expect(
      mapped(
        403,
        { statusCode: 403, message: 'The token does not have access to this location' },
        { resource: 'contact "c9"' },
      ),
    ).toMatchObject({
      name: 'AppError',
      code: 'not_found',
      status: 403,
      message:
        'The contact "c9" is not in this sub-account: HighLevel says it belongs to another one. Use an id ' +
        'from the sub-account this connection is for.',
    });
  });

  it('403 "does not have access to this location" for the sub-account itself is a connection problem', () => {
    const error = mapped(
      403,
      { statusCode: 403, message: 'The token does not have access to this location' },
      { resource: 'sub-account "L1"', scope: 'locations.readonly' },
    );
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/reconnect/);
  });

  it('403 without a body or scope still says to reconnect', () => {
    expect(mapped(403).message).toBe(
      'HighLevel denied access. The connection is missing a permission or is for another sub-account: ' +
        'reconnect your HighLevel account and approve every permission asked for.',
    );
  });

  it('404 → names the resource in this sub-account', () => {
    expect(mapped(404, { message: 'Contact not found' }, { resource: 'contact "x"' })).toMatchObject({
      code: 'not_found',
      status: 404,
      message: 'The contact "x" was not found in this sub-account.',
    });
    expect(mapped(404, { traceId: 't4' }).message).toBe(
      'The requested record was not found in this sub-account. (HighLevel trace ID: t4)',
    );
  });

  it('422 → the message array joined, trailing dots trimmed, with traceId', () => {
    expect(
      mapped(422, {
        statusCode: 422,
        message: ['firstName must be a string.', '  property gender should not exist  ', ''],
        error: 'Unprocessable Entity',
        traceId: 'tr-2',
      }),
    ).toMatchObject({
      code: 'validation_failed',
      status: 422,
      message:
        'HighLevel rejected the request: firstName must be a string; property gender should not exist. (HighLevel trace ID: tr-2)',
    });
  });

  it('400 → the single message', () => {
    expect(mapped(400, { statusCode: 400, message: 'Bad Request' })).toMatchObject({
      code: 'bad_request',
      status: 400,
      message: 'HighLevel rejected the request: Bad Request.',
    });
  });

  it('400 with an OAuth-style error_description uses it', () => {
    expect(
      mapped(400, { error: 'invalid_request', error_description: 'locationId is required' }).message,
    ).toBe('HighLevel rejected the request: locationId is required.');
  });

  it('400 with a non-JSON body', () => {
    expect(mapped(400, '<html>Bad</html>').message).toBe('HighLevel rejected the request as invalid.');
  });

  it('clips a huge message so a user never gets a wall of text', () => {
    const { message } = mapped(422, { message: ['x'.repeat(5_000)] });
    expect(message!.length).toBeLessThan(500);
    expect(message).toContain('x'.repeat(400) + '…');
  });

  it('turns structured items of a message array into text', () => {
    expect(mapped(422, { message: [{ property: 'email' }, 'b'] }).message).toBe(
      'HighLevel rejected the request: {"property":"email"}; b.',
    );
  });

  it.each([500, 502, 503, 504])('%s → temporary problem, try again', (status) => {
    expect(mapped(status, { message: 'Internal server error', traceId: 't5' })).toMatchObject({
      code: 'server_error',
      status,
      message: `HighLevel had a temporary problem (HTTP ${status}): Internal server error. Please try again in a few minutes. (HighLevel trace ID: t5)`,
    });
    expect(mapped(status, '<html>gateway</html>').message).toBe(
      `HighLevel had a temporary problem (HTTP ${status}). Please try again in a few minutes.`,
    );
  });

  it('any other status → HTTP status and the message', () => {
    expect(mapped(409, { message: 'Conflict' })).toMatchObject({
      code: 'http_error',
      status: 409,
      message: 'HighLevel answered with HTTP 409: Conflict.',
    });
  });

  describe('429 → ThrottledError', () => {
    const throttle = (headers: Record<string, string>) => {
      const { error } = mapped(429, { message: 'Too Many Requests' }, {}, headers);
      expect(error).toBeInstanceOf(errors.ThrottledError);
      return JSON.parse(error.message) as { message: string; delay: number };
    };

    it('uses Retry-After', () => {
      expect(throttle({ 'retry-after': '42' })).toEqual({
        message: "HighLevel's rate limit for this sub-account was reached. Zapier will try again shortly.",
        delay: 42,
      });
    });

    it('uses the interval header without Retry-After', () => {
      expect(
        throttle({ 'x-ratelimit-interval-milliseconds': '10000', 'x-ratelimit-remaining': '0' }).delay,
      ).toBe(10);
    });

    it('uses the default without either', () => {
      expect(throttle({}).delay).toBe(10);
    });

    it('says when the daily quota is used up', () => {
      expect(throttle({ 'x-ratelimit-daily-remaining': '0', 'x-ratelimit-limit-daily': '200000' })).toEqual({
        message:
          "HighLevel's daily request limit for this sub-account is used up. Zapier will try again later.",
        delay: 3600,
      });
    });
  });
});

describe('5xx on a write', () => {
  it('says the change may have been made instead of inviting a blind retry', () => {
    const result = mapped(502, { message: 'Bad Gateway', traceId: 't5' }, { write: true });
    expect(result).toMatchObject({ code: 'server_error', status: 502 });
    expect(result.message).toBe(
      'HighLevel had a problem (HTTP 502) while saving: Bad Gateway. The change may or may not have been made: check HighLevel before running this step again. (HighLevel trace ID: t5)',
    );
  });

  it('keeps "try again" for reads', () => {
    expect(mapped(502, {}, { write: false }).message).toBe(
      'HighLevel had a temporary problem (HTTP 502). Please try again in a few minutes.',
    );
  });
});

describe('sub-account states', () => {
  it('"Location is not active" on an API call → location_inactive, no reconnect demanded', () => {
    const result = mapped(
      400,
      { statusCode: 400, message: 'Location is not active', traceId: 't9' },
      {
        resource: 'contact "c1"',
      },
    );
    expect(result).toMatchObject({ name: 'AppError', code: 'location_inactive', status: 400 });
    expect(result.message).toBe(
      'HighLevel says this sub-account is not active (it is paused or suspended). Zaps will work again once it is reactivated; there is no need to reconnect. (HighLevel trace ID: t9)',
    );
    expect(result.error).not.toBeInstanceOf(errors.ExpiredAuthError);
  });

  it('a missing sub-account is not "not found in this sub-account"', () => {
    expect(mapped(404, {}, { resource: 'sub-account "loc1"' }).message).toBe(
      'The sub-account "loc1" was not found.',
    );
  });
});

describe('throttleDelaySeconds', () => {
  const delay = (headers: Record<string, string>) => throttleDelaySeconds(new Headers(headers));

  it.each([
    ['42', 42],
    ['1.2', 2],
    ['0', 1],
  ])('Retry-After %j → %d s (at least 1)', (value, seconds) => {
    expect(delay({ 'retry-after': value })).toBe(seconds);
  });

  it('reads Retry-After as an HTTP date', () => {
    const at = new Date(Date.now() + 90_000).toUTCString();
    expect(delay({ 'retry-after': at })).toBeGreaterThanOrEqual(88);
    expect(delay({ 'retry-after': at })).toBeLessThanOrEqual(91);
  });

  it('waits at least a second for an HTTP date in the past', () => {
    expect(delay({ 'retry-after': new Date(Date.now() - 60_000).toUTCString() })).toBe(1);
  });

  it('ignores an unreadable Retry-After and falls back to the interval header', () => {
    expect(delay({ 'retry-after': 'soon', 'x-ratelimit-interval-milliseconds': '2500' })).toBe(3);
  });

  it.each([
    [{ 'x-ratelimit-interval-milliseconds': '10000' }, 10],
    [{ 'x-ratelimit-interval-milliseconds': '400' }, 1],
    [{ 'x-ratelimit-interval-milliseconds': '0' }, 10],
    [{ 'x-ratelimit-interval-milliseconds': 'abc' }, 10],
    [{ 'x-ratelimit-daily-remaining': '0', 'x-ratelimit-interval-milliseconds': '10000' }, 3600],
    [{ 'x-ratelimit-daily-remaining': '12' }, 10],
    [{}, 10],
  ])('rate-limit headers %j → %d s', (headers, seconds) => {
    expect(delay(headers)).toBe(seconds);
  });
});

describe('readErrorBody', () => {
  it('reads string and array messages, error and traceId', () => {
    expect(readErrorBody(JSON.stringify({ message: 'a', error: 'Bad Request', traceId: 't' }))).toEqual({
      messages: ['a'],
      error: 'Bad Request',
      traceId: 't',
    });
    expect(readErrorBody(JSON.stringify({ message: ['a', 'b'] }))).toEqual({
      messages: ['a', 'b'],
      error: undefined,
      traceId: undefined,
    });
  });

  it.each(['', 'not json', '[1,2]', 'null', '"text"', JSON.stringify({ message: 5 })])(
    'survives a body it cannot read: %j',
    (content) => {
      expect(readErrorBody(content).messages).toEqual([]);
    },
  );

  it('ignores a non-string error field', () => {
    expect(readErrorBody(JSON.stringify({ message: 'm', error: { code: 1 } })).error).toBeUndefined();
  });
});

describe('helpers', () => {
  it('userError is a z.errors.Error carrying message, code and status', () => {
    const error = userError(z, 'Plain words.', 'invalid_input', 400);
    expect(error).toBeInstanceOf(errors.Error);
    expect(errorDetails(error)).toEqual({ message: 'Plain words.', code: 'invalid_input', status: 400 });
  });

  it('errorDetails is empty for anything else', () => {
    expect(errorDetails(new Error('boom'))).toEqual({});
    expect(errorDetails('boom')).toEqual({});
    expect(errorDetails(undefined)).toEqual({});
    expect(errorDetails(new errors.RefreshAuthError())).toEqual({});
  });

  it('isNotFoundError / isRetryableError read the code', () => {
    expect(isNotFoundError(userError(z, 'x', 'not_found', 404))).toBe(true);
    expect(isNotFoundError(userError(z, 'x', 'forbidden', 403))).toBe(false);
    expect(isNotFoundError(new Error('not_found'))).toBe(false);
    expect(isRetryableError(userError(z, 'x', 'server_error', 503))).toBe(true);
    expect(isRetryableError(userError(z, 'x', 'network_error'))).toBe(true);
    expect(isRetryableError(userError(z, 'x', 'validation_failed', 422))).toBe(false);
    expect(isRetryableError(new errors.ThrottledError('x', 5))).toBe(false);
  });

  it('nullIfNotFound turns only a 404 into null', async () => {
    expect(await nullIfNotFound(Promise.resolve(1))).toBe(1);
    expect(await nullIfNotFound(Promise.reject(userError(z, 'x', 'not_found', 404)))).toBeNull();
    await expect(nullIfNotFound(Promise.reject(userError(z, 'y', 'forbidden', 403)))).rejects.toThrow(
      'forbidden',
    );
  });

  it('parseJson returns undefined instead of throwing', () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson('<html>')).toBeUndefined();
  });

  it('redactSecrets removes every occurrence of each secret, ignoring short or missing ones', () => {
    expect(redactSecrets('a secret-1 b secret-1 c token-22', ['secret-1', 'token-22', undefined, 'a'])).toBe(
      'a [redacted] b [redacted] c [redacted]',
    );
  });
});

describe('network failures', () => {
  const fetchError = (message: string, extra: Record<string, unknown>) =>
    Object.assign(new Error(message), { name: 'FetchError', ...extra });

  it.each([
    ['a node-fetch FetchError', fetchError('request failed', { type: 'system' })],
    ['a timeout', fetchError('network timeout at: https://x', { type: 'request-timeout' })],
    ['an abort', Object.assign(new Error('aborted'), { name: 'AbortError' })],
    ['ECONNRESET', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['ENOTFOUND', Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' })],
  ])('recognises %s', (_case, error) => {
    expect(isNetworkFailure(error)).toBe(true);
  });

  it.each([
    ['a mapped HighLevel error', userError(z, 'x', 'server_error', 500)],
    ['a RefreshAuthError', new errors.RefreshAuthError()],
    ['a plain Error', new Error('x')],
    ['a string', 'ECONNRESET'],
  ])('does not mistake %s for one', (_case, error) => {
    expect(isNetworkFailure(error)).toBe(false);
  });

  it('words a timeout and a failed connection on a read', () => {
    const timeout = networkError(z, fetchError('network timeout at: https://x', { type: 'request-timeout' }));
    expect(errorDetails(timeout)).toEqual({
      message: 'HighLevel did not answer in time. Please try again in a few minutes.',
      code: 'network_error',
    });
    const reset = networkError(z, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(errorDetails(reset).message).toBe(
      'Could not reach HighLevel (the connection failed). Please try again in a few minutes.',
    );
  });

  it('warns that a write which timed out or was cut off may have happened', () => {
    const unconfirmed =
      'HighLevel did not confirm the change in time, so it may or may not have been saved. Check HighLevel before running this step again.';
    const timeout = fetchError('network timeout at: https://x', { type: 'request-timeout' });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(errorDetails(networkError(z, timeout, true)).message).toBe(unconfirmed);
    expect(errorDetails(networkError(z, reset, true)).message).toBe(unconfirmed);
    // Never connected: nothing can have happened.
    expect(errorDetails(networkError(z, refused, true)).message).toBe(
      'Could not reach HighLevel (the connection failed). Please try again in a few minutes.',
    );
  });
});

describe('duplicate contacts (docs/ACTIONS.md §7)', () => {
  const duplicate = (meta: unknown) => ({
    statusCode: 400,
    message: 'This location does not allow duplicated contacts.',
    meta,
    traceId: 'trace-dup',
  });

  it('names the matching field and the existing contact, and points to Create or Update Contact', () => {
    expect(
      mapped(400, duplicate({ contactName: 'Rosa  Diaz', contactId: 'abc123', matchingField: 'email' })),
    ).toMatchObject({
      code: 'duplicate_contact',
      status: 400,
      message:
        'HighLevel already has a contact with this email: "Rosa Diaz" (contact ID abc123), and this sub-account does not allow duplicates. ' +
        'To change that contact, use Update Contact with its ID, or use Create or Update Contact, which updates the existing contact instead of creating a new one. (HighLevel trace ID: trace-dup)',
    });
  });

  it('says "phone number" for a phone match and the id alone when no name is given', () => {
    expect(mapped(400, duplicate({ contactId: 'abc123', matchingField: 'phone' })).message).toMatch(
      /^HighLevel already has a contact with this phone number: the contact with ID abc123, /,
    );
    expect(mapped(400, duplicate({ contactId: 'abc123', contactName: null })).message).toMatch(
      /^HighLevel already has a contact with this email or phone number: the contact with ID abc123, /,
    );
  });

  it('is an ordinary 400 without a usable meta', () => {
    for (const meta of [undefined, {}, { contactId: '' }, 'abc', { matchingField: 'email' }]) {
      expect(mapped(400, duplicate(meta))).toMatchObject({
        code: 'bad_request',
        message: expect.stringMatching(/^HighLevel rejected the request: This location does not allow/),
      });
    }
  });
});
