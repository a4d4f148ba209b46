/**
 * What Updated Contact with Watch Fields remembers of a contact (docs/TRIGGERS.md §10): per watched field a short
 * digest, and the value itself when it is short, so that an event can say which watched fields changed and,
 * when known, what they were before. Kept within the baseline's bounds (docs/TRIGGERS.md §3): a remembered value
 * is at most MAX_REMEMBERED characters; watching more than MAX_DETAILED_FIELDS fields falls back to one digest of
 * them all (the event then says nothing about which changed).
 */
import { createHash } from 'node:crypto';
import { stableHash } from '../core/polling';

/** Characters of one baseline entry's value (16 shards × 4,000 entries stay under 200 KB a shard). */
export const MAX_REMEMBERED = 34;
/** Watched fields with their own digest (7 characters each). */
export const MAX_DETAILED_FIELDS = 4;

const PREFIX = '~';
/** 24 bits per field: a change goes unseen with a probability of 6 in 100 million. */
const fieldDigest = (value: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('hex')
    .slice(0, 6);

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value ?? null)).toString('base64url');
const decode = (text: string): unknown => {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

/** The baseline value of the watched `values` (fields in a stable order). */
export const rememberValues = (values: ReadonlyArray<[string, unknown]>): string => {
  if (values.length > MAX_DETAILED_FIELDS) return stableHash(Object.fromEntries(values));
  const digests = values.map(([, value]) => fieldDigest(value));
  let remembered = `${PREFIX}${digests.join(',')}`;
  // The values themselves, shortest first, while they fit.
  const withValues = [...digests];
  const order = values
    .map(([, value], index) => ({ index, text: encode(value) }))
    .sort((a, b) => a.text.length - b.text.length);
  for (const { index, text } of order) {
    withValues[index] = `${digests[index]}:${text}`;
    const candidate = `${PREFIX}${withValues.join(',')}`;
    if (candidate.length > MAX_REMEMBERED) {
      withValues[index] = digests[index];
      break;
    }
    remembered = candidate;
  }
  return remembered;
};

export interface WatchedChange {
  changed: boolean;
  /** The watched fields that changed (empty when unknown: an older or coarser baseline entry). */
  fields: string[];
  /** The previous value of each changed field whose value was remembered. */
  previous: Record<string, unknown>;
}

/** Compares the current watched `values` with what the baseline remembered of them. */
export const compareValues = (
  remembered: string,
  values: ReadonlyArray<[string, unknown]>,
): WatchedChange => {
  const current = rememberValues(values);
  if (!remembered.startsWith(PREFIX) || !current.startsWith(PREFIX)) {
    // A digest of all the fields (many watched, or written before per-field digests).
    const changed = remembered !== current && remembered !== stableHash(Object.fromEntries(values));
    return { changed, fields: [], previous: {} };
  }
  const entries = remembered.slice(PREFIX.length).split(',');
  if (entries.length !== values.length) return { changed: true, fields: [], previous: {} };
  const fields: string[] = [];
  const previous: Record<string, unknown> = {};
  values.forEach(([field, value], index) => {
    const [digest, text] = entries[index].split(':');
    if (digest === fieldDigest(value)) return;
    fields.push(field);
    if (text !== undefined) {
      const before = decode(text);
      if (before !== undefined) previous[field] = before;
    }
  });
  return { changed: fields.length > 0, fields, previous };
};
