/**
 * Client-side matching for searches over lists HighLevel cannot filter (a contact's tasks, notes and
 * appointments, HIGHLEVEL.md §8): forgiving text comparison and multi-key ordering.
 */

/** A text compared without regard to case, Unicode form or runs of whitespace. */
export const foldText = (text: string): string =>
  text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** True when `text` contains `wanted` (already folded with foldText). */
export const containsText = (text: string | null | undefined, wanted: string): boolean =>
  typeof text === 'string' && foldText(text).includes(wanted);

/** Epoch ms of an ISO date-time, or undefined when there is none. */
export const instant = (iso: string | null | undefined): number | undefined => {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
};

/** A comparator ordering by each key in turn (smaller first); items equal on every key keep their order. */
export const comparing =
  <T>(...keys: Array<(item: T) => number>) =>
  (a: T, b: T): number => {
    for (const key of keys) {
      const difference = key(a) - key(b);
      if (difference !== 0 && !Number.isNaN(difference)) return difference;
    }
    return 0;
  };
