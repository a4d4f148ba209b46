import {
  compareValues,
  MAX_DETAILED_FIELDS,
  MAX_REMEMBERED,
  rememberValues,
} from '../../../lib/contacts/watched';
import { stableHash } from '../../../lib/core/polling';

describe('watched values (docs/TRIGGERS.md §10)', () => {
  it('remembers a short value with its digest, and compares field by field', () => {
    const remembered = rememberValues([['city', 'Brooklyn']]);
    expect(remembered.length).toBeLessThanOrEqual(MAX_REMEMBERED);
    expect(compareValues(remembered, [['city', 'Brooklyn']])).toEqual({
      changed: false,
      fields: [],
      previous: {},
    });
    expect(compareValues(remembered, [['city', 'Lyon']])).toEqual({
      changed: true,
      fields: ['city'],
      previous: { city: 'Brooklyn' },
    });
  });

  it('keeps only a digest of a value too long to remember: the change is named, the old value unknown', () => {
    const long = 'a-very-long-email-address@example.com';
    const remembered = rememberValues([['email', long]]);
    expect(remembered.length).toBeLessThanOrEqual(MAX_REMEMBERED);
    expect(compareValues(remembered, [['email', 'b@example.com']])).toEqual({
      changed: true,
      fields: ['email'],
      previous: {},
    });
  });

  it(`falls back to one digest beyond ${MAX_DETAILED_FIELDS} fields, and reads baselines written before`, () => {
    const many: Array<[string, unknown]> = ['a', 'b', 'c', 'd', 'e'].map((field) => [field, field]);
    const remembered = rememberValues(many);
    expect(remembered).toBe(stableHash(Object.fromEntries(many)));
    expect(compareValues(remembered, many).changed).toBe(false);
    expect(compareValues(remembered, [...many.slice(0, 4), ['e', 'x']])).toEqual({
      changed: true,
      fields: [],
      previous: {},
    });
    // An entry of the earlier format (one digest of all the watched values) still compares.
    const older = stableHash({ city: 'Brooklyn' });
    expect(compareValues(older, [['city', 'Brooklyn']]).changed).toBe(false);
    expect(compareValues(older, [['city', 'Lyon']]).changed).toBe(true);
  });

  it('treats empty and missing values alike, and lists as values', () => {
    const remembered = rememberValues([
      ['tags', ['lead', 'vip']],
      ['phone', null],
    ]);
    expect(
      compareValues(remembered, [
        ['tags', ['lead', 'vip']],
        ['phone', null],
      ]).changed,
    ).toBe(false);
    expect(
      compareValues(remembered, [
        ['tags', ['lead']],
        ['phone', null],
      ]),
    ).toMatchObject({
      fields: ['tags'],
    });
  });
});
