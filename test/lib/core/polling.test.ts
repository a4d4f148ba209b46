/** lib/core/polling.ts, lib/core/dropdowns.ts: the pure helpers the triggers share (their HTTP paths are tested through the triggers). */
import { timestampOf } from '../../../lib/core/dates';
import { nameWithEmail, oneLine } from '../../../lib/core/dropdowns';
import { newestFirst, stableHash, uniqueBy } from '../../../lib/core/polling';

describe('lib/core/polling', () => {
  it('orders newest first, keeps ties and undated items in their order, undated last', () => {
    const items = [
      { id: 'a', at: '2026-11-20T10:00:00Z' },
      { id: 'b' },
      { id: 'c', at: '2026-11-22T10:00:00Z' },
      { id: 'd', at: '2026-11-20T10:00:00.000+00:00' },
      { id: 'e' },
    ];
    expect(newestFirst(items, (item) => timestampOf(item.at)).map((item) => item.id)).toEqual([
      'c',
      'a',
      'd',
      'b',
      'e',
    ]);
  });

  it('reads every HighLevel date shape', () => {
    const expected = Date.UTC(2026, 10, 20, 10);
    expect(timestampOf('2026-11-20T10:00:00Z')).toBe(expected);
    expect(timestampOf('2026-11-20 10:00:00')).toBe(expected);
    expect(timestampOf(expected)).toBe(expected);
    expect(timestampOf('not a date')).toBeUndefined();
    expect(timestampOf(null)).toBeUndefined();
  });

  it('hashes values stably, whatever the key order', () => {
    expect(stableHash({ a: 1, b: ['x', null] })).toBe(stableHash({ b: ['x', null], a: 1 }));
    expect(stableHash({ a: 1 })).not.toBe(stableHash({ a: '1' }));
    expect(stableHash({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps the first of each id', () => {
    expect(
      uniqueBy(
        [
          { id: '1', n: 1 },
          { id: '2', n: 2 },
          { id: '1', n: 3 },
        ],
        (item) => item.id,
      ),
    ).toEqual([
      { id: '1', n: 1 },
      { id: '2', n: 2 },
    ]);
  });

  it('labels "Name (email)" with fallbacks, and shortens text to one line', () => {
    expect(nameWithEmail(' Rosa ', 'rosa@example.com', 'x')).toBe('Rosa (rosa@example.com)');
    expect(nameWithEmail('', ' ', 'fallback')).toBe('fallback');
    expect(oneLine('a\n  b', 10)).toBe('a b');
    expect(oneLine('abcdefghijk', 5)).toBe('abcd…');
  });
});
