/**
 * Client-side matching for searches over lists HighLevel cannot filter (a contact's tasks, notes and
 * appointments, HIGHLEVEL.md §8): forgiving text comparison and multi-key ordering.
 */
import { nullIfNotFound } from './errors';

/** A text compared without regard to case, Unicode form or runs of whitespace. */
export const foldText = (text: string): string =>
  text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** True when `text` contains `wanted` (already folded with foldText). */
export const containsText = (text: string | null | undefined, wanted: string): boolean =>
  typeof text === 'string' && foldText(text).includes(wanted);

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

/**
 * A search over one contact's records (tasks, notes): the chosen record, or every record that matches,
 * best first. Not found (the record or the contact) is an empty result.
 */
export const chosenOrMatching = async <Raw, Out>(search: {
  chosen?: () => Promise<Raw | null>;
  list: () => Promise<Raw[]>;
  matches: (record: Raw) => boolean;
  normalise: (record: Raw) => Out;
  order: (a: Out, b: Out) => number;
}): Promise<Out[]> => {
  if (search.chosen) {
    const record = await search.chosen();
    return record ? [search.normalise(record)] : [];
  }
  const records = (await nullIfNotFound(search.list())) ?? [];
  return records.filter(search.matches).map(search.normalise).sort(search.order);
};
