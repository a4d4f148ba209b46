/**
 * What every polling trigger shares (ZAPIER.md "Triggers"): page sizes, newest-first ordering, unique and
 * stable dedupe ids, and the output fields of a trigger whose id is an event id. The noun-specific polls
 * are lib/contacts/poll.ts and lib/tasks/poll.ts.
 */
import { createHash } from 'node:crypto';
import type { Bundle } from 'zapier-platform-core';
import type { AuthBundle } from './request';

export type PollMeta = Pick<Bundle['meta'], 'isLoadingSample' | 'isPopulatingDedupe'>;
export type PollBundle = AuthBundle & { meta: PollMeta };

/** The same page size every poll; the editor's "test trigger" shows 3 items, so it asks for 3. */
export const POLL_PAGE_LIMIT = 100;
export const SAMPLE_PAGE_LIMIT = 3;

export const pageLimitFor = (meta: PollMeta): number =>
  meta.isLoadingSample ? SAMPLE_PAGE_LIMIT : POLL_PAGE_LIMIT;

/** A stable newest-first order by the timestamp `time` returns; undated items keep their order, last. */
export const newestFirst = <T>(items: readonly T[], time: (item: T) => number | undefined): T[] =>
  items
    .map((item, index) => ({ item, index, at: time(item) }))
    .sort((a, b) => {
      if (a.at === undefined || b.at === undefined) {
        return a.at === b.at ? a.index - b.index : a.at === undefined ? 1 : -1;
      }
      return b.at - a.at || a.index - b.index;
    })
    .map(({ item }) => item);

/** Zapier needs unique ids within one poll: the first occurrence wins (a contact can move between pages). */
export const uniqueBy = <T>(items: readonly T[], key: (item: T) => string): T[] => {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
};

/** A short, stable digest of a value for dedupe ids (object keys sorted, so it never depends on key order). */
export const stableHash = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);

const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
};

export interface OutputField {
  key: string;
  label: string;
  type: 'string' | 'datetime' | 'boolean' | 'number';
  list?: boolean;
}

/**
 * Output fields of a trigger whose dedupe id is not the object's id (ZAPIER.md: "Updated X" triggers): the
 * event id first, then the real id under `realKey`, then `extra` and the object's other fields.
 */
export const withEventId = (
  fields: readonly OutputField[],
  real: { key: string; label: string },
  extra: readonly OutputField[] = [],
): OutputField[] => [
  { key: 'id', label: 'Event ID', type: 'string' },
  { key: real.key, label: real.label, type: 'string' },
  ...extra,
  ...fields.filter((field) => field.key !== 'id' && field.key !== real.key),
];
