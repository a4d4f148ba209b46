/**
 * lib/validation.ts: every input check a clear error naming the field, before any request; phones in
 * E.164 with the sub-account's country as default region, looked up only when the number has no '+'.
 */
import nock from 'nock';
import { errors, type Bundle, type ZObject } from 'zapier-platform-core';
import { errorDetails } from '../../../lib/core/errors';
import { optionalPhone } from '../../../lib/contacts/fields';
import {
  definedOnly,
  optionalBoolean,
  optionalCalendarDate,
  optionalDateTime,
  optionalEmail,
  optionalId,
  optionalSearchQuery,
  optionalText,
  requiredId,
  requiredText,
  SEARCH_QUERY_MAX_LENGTH,
  textList,
} from '../../../lib/core/validation';
import { getLocationCached } from '../../../lib/lookups/location';
import { API_URL, LOCATION_ID, appTester, caught, highlevel, makeBundle } from '../../helpers';

const z = { errors } as unknown as ZObject;

/** The `{message, code}` of a synchronous validation failure. */
const refused = (check: () => unknown) => {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(errors.Error);
    return errorDetails(error);
  }
  throw new Error('expected the value to be refused');
};

describe('text', () => {
  it('optionalText trims and turns empty into undefined', () => {
    expect(optionalText('  a b  ')).toBe('a b');
    expect(optionalText(42)).toBe('42');
    expect(optionalText(false)).toBe('false');
    for (const empty of ['', '   ', null, undefined]) expect(optionalText(empty)).toBeUndefined();
  });

  it('requiredText names the field when it is empty', () => {
    expect(requiredText(z, ' Call back ', 'Title')).toBe('Call back');
    expect(refused(() => requiredText(z, '  ', 'Title'))).toEqual({
      message: 'Title is required.',
      code: 'invalid_input',
    });
  });

  it('definedOnly drops undefined keys and keeps deliberate values', () => {
    expect(definedOnly({ a: 1, b: undefined, c: null, d: false, e: '' })).toEqual({
      a: 1,
      c: null,
      d: false,
      e: '',
    });
  });

  it(`optionalSearchQuery allows ${SEARCH_QUERY_MAX_LENGTH} characters, not more`, () => {
    expect(optionalSearchQuery(z, ` ${'q'.repeat(75)} `, 'Keyword')).toBe('q'.repeat(75));
    expect(optionalSearchQuery(z, '', 'Keyword')).toBeUndefined();
    expect(refused(() => optionalSearchQuery(z, 'q'.repeat(76), 'Keyword')).message).toBe(
      'Keyword must be at most 75 characters (got 76).',
    );
  });
});

describe('ids', () => {
  it.each(['ocQHyuzHvysMo5N5VsXc', 'a_b-C9', 'x'.repeat(100)])('accepts %j', (id) => {
    expect(requiredId(z, ` ${id} `, 'Contact')).toBe(id);
  });

  it.each(['../locations/x', 'a/b', 'a?b', 'a#b', 'a%2F', 'a b', '..', '.', 'é', 'x'.repeat(101)])(
    'refuses %j, naming the field',
    (id) => {
      expect(refused(() => requiredId(z, id, 'Contact'))).toEqual({
        message: expect.stringMatching(
          /^Contact must be a HighLevel ID \(letters, digits, - or _\); choose it from the dropdown \(got ".*"\)\.$/,
        ),
        code: 'invalid_input',
      });
    },
  );

  it('requiredId needs a value; optionalId does not', () => {
    expect(refused(() => requiredId(z, '', 'Task')).message).toBe('Task is required.');
    expect(optionalId(z, '  ', 'Task')).toBeUndefined();
    expect(optionalId(z, 't1', 'Task')).toBe('t1');
    expect(refused(() => optionalId(z, 't/1', 'Task')).code).toBe('invalid_input');
  });

  it('shows at most 60 characters of a refused value', () => {
    const { message } = refused(() => requiredId(z, `/${'x'.repeat(200)}`, 'Contact'));
    expect(message).toContain(`(got "/${'x'.repeat(59)}…").`);
  });
});

describe('emails', () => {
  it.each([
    ['rosa@example.com', 'rosa@example.com'],
    ['  Rosa.Diaz+zap@Example.COM ', 'rosa.diaz+zap@example.com'],
  ])('accepts %j as %j', (value, email) => {
    expect(optionalEmail(z, value)).toBe(email);
  });

  it('treats empty as not given', () => {
    expect(optionalEmail(z, '')).toBeUndefined();
    expect(optionalEmail(z, undefined)).toBeUndefined();
  });

  it.each([
    'rosa',
    'rosa@',
    '@example.com',
    'rosa@example',
    'rosa diaz@example.com',
    `${'a'.repeat(250)}@example.com`,
  ])('refuses %j, naming the field', (value) => {
    expect(refused(() => optionalEmail(z, value, 'Work Email'))).toEqual({
      message: expect.stringMatching(/^Work Email is not a valid email address \(got ".+"\)\.$/),
      code: 'invalid_input',
    });
  });
});

describe('dates', () => {
  it.each([
    ['2026-12-31T17:00:00Z', '2026-12-31T17:00:00.000Z'],
    ['2026-12-31T17:00:00+02:00', '2026-12-31T15:00:00.000Z'],
    ['2026-12-31T17:00:00.123-05:30', '2026-12-31T22:30:00.123Z'],
    ['1767225600', '2026-01-01T00:00:00.000Z'],
    ['1767225600000', '2026-01-01T00:00:00.000Z'],
  ])('optionalDateTime reads %j as %s', (value, iso) => {
    expect(optionalDateTime(z, value, 'Due Date')).toBe(iso);
  });

  it.each(['tomorrow', '2026-13-45T10:00:00Z', '1850-01-01T00:00:00Z', '2300-01-01T00:00:00Z'])(
    'optionalDateTime refuses %j',
    (value) => {
      expect(refused(() => optionalDateTime(z, value, 'Due Date'))).toEqual({
        message: `Due Date is not a valid date and time; use e.g. 2026-12-31T17:00:00Z (got "${value}").`,
        code: 'invalid_input',
      });
    },
  );

  it.each([
    ['1990-05-14', '1990-05-14'],
    [' 1990-05-14 ', '1990-05-14'],
    ['1990-05-14T00:00:00+10:00', '1990-05-14'],
    ['1990-05-14T23:00:00-08:00', '1990-05-14'],
    ['1990-05-14T12:00:00Z', '1990-05-14'],
    ['2000-02-29', '2000-02-29'],
  ])('optionalCalendarDate reads %j as the day written: %s', (value, day) => {
    expect(optionalCalendarDate(z, value, 'Date of Birth')).toBe(day);
  });

  it.each([
    ['1990-02-30', 'is not a real calendar date'],
    ['2001-02-29', 'is not a real calendar date'],
    ['1990-13-01', 'is not a valid date; use YYYY-MM-DD, e.g. 1990-05-14'],
    ['1990-05-14Tnoon', 'is not a valid date; use YYYY-MM-DD, e.g. 1990-05-14'],
    ['someday', 'is not a valid date; use YYYY-MM-DD, e.g. 1990-05-14'],
    ['1850-01-01', 'is not a valid date; use YYYY-MM-DD, e.g. 1990-05-14'],
  ])('optionalCalendarDate refuses %j: %s', (value, what) => {
    expect(refused(() => optionalCalendarDate(z, value, 'Date of Birth'))).toEqual({
      message: `Date of Birth ${what} (got "${value}").`,
      code: 'invalid_input',
    });
  });

  it('dates left empty are not sent', () => {
    expect(optionalDateTime(z, '', 'Due Date')).toBeUndefined();
    expect(optionalCalendarDate(z, null, 'Date of Birth')).toBeUndefined();
  });
});

describe('lists and booleans', () => {
  it('textList accepts arrays and comma-separated text, trimmed and deduplicated', () => {
    expect(textList(['vip', ' lead ', 'vip', ''])).toEqual(['vip', 'lead']);
    expect(textList('vip, lead,,vip')).toEqual(['vip', 'lead']);
    expect(textList(['a,b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(textList(7)).toEqual(['7']);
    expect(textList(undefined)).toEqual([]);
    expect(textList(null)).toEqual([]);
  });

  it.each([
    [true, true],
    ['yes', true],
    [' TRUE ', true],
    ['1', true],
    ['on', true],
    [false, false],
    ['no', false],
    ['False', false],
    ['0', false],
    ['off', false],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('optionalBoolean(%j) → %j', (value, result) => {
    expect(optionalBoolean(z, value, 'Completed')).toBe(result);
  });

  it('optionalBoolean refuses anything else, naming the field', () => {
    expect(refused(() => optionalBoolean(z, 'maybe', 'Completed'))).toEqual({
      message: 'Completed must be yes or no (got "maybe").',
      code: 'invalid_input',
    });
  });
});

describe('phones', () => {
  const location = (country: string | null) => ({
    location: { id: LOCATION_ID, name: 'Demo', timezone: 'Europe/London', country },
  });
  const phone = (value: unknown, bundle = makeBundle({})) =>
    appTester((zz: ZObject, b: Bundle) => optionalPhone(zz, b, value, 'Mobile Phone'), bundle, true);

  it.each([
    ['+1 415-555-0123', '+14155550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['  +49 30 901820  ', '+4930901820'],
  ])('reads %j as %s without looking up the sub-account', async (value, e164) => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location('GB'));
    expect(await phone(value)).toBe(e164);
    expect(scope.isDone()).toBe(false);
  });

  it("reads a national number in the sub-account's country", async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location('GB'));
    expect(await phone('020 7946 0958')).toBe('+442079460958');
    scope.done();
  });

  it('reads a lower-case country code', async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location('gb'));
    expect(await phone('020 7946 0958')).toBe('+442079460958');
    scope.done();
  });

  it.each([null, '', 'United States'])('falls back to US when the country is %j', async (country) => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location(country));
    expect(await phone('(415) 555-0123')).toBe('+14155550123');
    scope.done();
  });

  it('looks the sub-account up once for several numbers (cached)', async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).once().reply(200, location('US'));
    const results = await appTester(
      async (zz: ZObject, b: Bundle) => [
        await optionalPhone(zz, b, '415 555 0123'),
        await optionalPhone(zz, b, '(415) 555-0199'),
        await getLocationCached(zz, b),
      ],
      makeBundle({}),
      true,
    );
    scope.done();
    expect(results).toEqual(['+14155550123', '+14155550199', location('US').location]);
  });

  it('refuses an impossible international number without any request', async () => {
    const error = await caught(phone('+1 555'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'Mobile Phone is not a valid phone number; use the international format, e.g. +14155550123 (got "+1 555").',
    );
  });

  it('refuses a national number that is not valid in the country, naming it', async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location('US'));
    const error = await caught(phone('12345'));
    scope.done();
    expect(error.message).toBe(
      'Mobile Phone is not a valid phone number for US; use the international format, e.g. +14155550123 (got "12345").',
    );
  });

  it('refuses text that is far too long for a phone number, without any request', async () => {
    const error = await caught(phone('1'.repeat(41)));
    expect(error.message).toMatch(/^Mobile Phone is not a valid phone number \(got "1{41}"\)\.$/);
  });

  it('treats an empty phone as not given, without any request', async () => {
    expect(await phone('  ')).toBeUndefined();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reads a national number as US when the sub-account cannot be read (no locations.readonly)', async () => {
    const scope = nock(API_URL).get(`/locations/${LOCATION_ID}`).reply(403, {});
    await expect(phone('415 555 0123')).resolves.toBe('+14155550123');
    scope.done();
  });

  it('reports other failed sub-account lookups instead of guessing', async () => {
    const scope = nock(API_URL).get(`/locations/${LOCATION_ID}`).times(3).reply(500, {});
    const error = await caught(phone('415 555 0123'));
    scope.done();
    expect(error.code).toBe('server_error');
  });
});
