/** lib/core/answerSize.ts: what one answer holds, by count and by JSON size (docs/TRIGGERS.md §10). */
import { fitAnswer, jsonChars, MAX_ANSWER_CHARS } from '../../../lib/core/answerSize';

describe('fitAnswer', () => {
  it('keeps everything that fits, in the order given', () => {
    expect(fitAnswer([3, 2, 1], 10)).toEqual([3, 2, 1]);
  });

  it('stops at maxItems', () => {
    expect(fitAnswer(['a', 'b', 'c', 'd'], 2)).toEqual(['a', 'b']);
  });

  it('stops before the item that would pass MAX_ANSWER_CHARS', () => {
    const third = Math.floor(MAX_ANSWER_CHARS / 3);
    expect(fitAnswer([1, 2, 3, 4], 10, () => third)).toEqual([1, 2, 3]);
  });

  it('always keeps the first item, however large', () => {
    expect(fitAnswer(['x'.repeat(10), 'y'], 10, () => MAX_ANSWER_CHARS + 1)).toEqual(['x'.repeat(10)]);
  });

  it('measures JSON text, as core does', () => {
    expect(jsonChars({ a: 'é' })).toBe('{"a":"é"}'.length);
  });
});
