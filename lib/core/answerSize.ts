/**
 * How large a step's answer may be: core measures its results as JSON text and a step may return at most
 * RESPONSE_SIZE_LIMIT (6 MiB, zapier-platform-core src/constants.js; docs/TRIGGERS.md §10). Triggers that can answer
 * thousands of items (a burst) keep to MAX_ANSWER_CHARS, leaving room for what normalising adds.
 */

/** The most characters of JSON a trigger answers with. */
export const MAX_ANSWER_CHARS = 4_500_000;

/** An item's size as JSON text, as core measures a step's results. */
export const jsonChars = (item: unknown): number => JSON.stringify(item).length;

/**
 * The first of `items` (in the order given) that one answer holds: at most `maxItems`, and at most
 * MAX_ANSWER_CHARS by `sizeOf` — always the first item, however large.
 */
export const fitAnswer = <T>(
  items: readonly T[],
  maxItems: number,
  sizeOf: (item: T) => number = jsonChars,
): T[] => {
  let chars = 0;
  const cut = items.findIndex((item, index) => {
    chars += sizeOf(item);
    return index >= maxItems || (index > 0 && chars > MAX_ANSWER_CHARS);
  });
  return cut === -1 ? [...items] : items.slice(0, cut);
};
