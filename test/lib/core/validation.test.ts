/**
 * lib/core/validation.ts: every input check a clear error naming the field, before any request.
 */
import { errors, type ZObject } from 'zapier-platform-core';
import { errorDetails } from '../../../lib/core/errors';
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
