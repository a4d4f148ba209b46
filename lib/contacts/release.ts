/**
 * Bursts in the window triggers (docs/TRIGGERS.md §10): when each contact of New Contact's (Updated Contact's)
 * window is released, and how much one check returns, so that an import or a bulk update fires every contact once
 * over as many checks as it takes, each check within the response limit.
 */
import { fitAnswer, jsonChars, MAX_ANSWER_CHARS } from '../core/answerSize';
import { timestampOf } from '../core/dates';
import type { HighLevelContact } from './model';

/**
 * Bursts (an import, a bulk action; docs/TRIGGERS.md §10): a window trigger returns at most this many contacts in
 * one check (and at most MAX_WINDOW_CHARS), under the 6 MB a step's response may carry (core's RESPONSE_SIZE_LIMIT).
 */
export const MAX_WINDOW_CONTACTS = 3_000;
/**
 * The longest gap between two successful checks of one Zap that must still deliver everything: 15 minutes, one
 * failed check (15 more), 30 minutes late.
 */
export const LONGEST_POLL_GAP_MS = 60 * 60_000;
/** Contacts released at once before a burst is queued (one page): ordinary traffic is never held back. */
export const RELEASE_BURST = 100;
/**
 * Past RELEASE_BURST, contacts are released oldest first one per this interval (about 1.24 s): with the burst, at
 * most MAX_WINDOW_CONTACTS are released within any LONGEST_POLL_GAP_MS, so a released contact stays in every
 * check's answer until every Zap has seen it.
 */
export const RELEASE_INTERVAL_MS = LONGEST_POLL_GAP_MS / (MAX_WINDOW_CONTACTS - RELEASE_BURST);
/**
 * Bursts of large contacts (many custom fields): a window trigger's check also returns at most this many characters
 * of HighLevel's contacts (JSON), which the output follows closely, under core's RESPONSE_SIZE_LIMIT (6 MiB of
 * JSON text) with room to spare; contacts are released by size too, so this many fit in any LONGEST_POLL_GAP_MS.
 */
export const MAX_WINDOW_CHARS = MAX_ANSWER_CHARS;
/** Characters released at once before a burst of large contacts is queued (ordinary traffic is never held). */
export const RELEASE_BURST_CHARS = 1_000_000;
/** Past RELEASE_BURST_CHARS, characters released per millisecond (about 3.5 MB an hour). */
export const RELEASE_CHARS_PER_MS = (MAX_WINDOW_CHARS - RELEASE_BURST_CHARS) / LONGEST_POLL_GAP_MS;

const timeOf = (contact: HighLevelContact, field: 'dateAdded' | 'dateUpdated'): number =>
  timestampOf(contact[field]) ?? 0;

const sizes = new WeakMap<HighLevelContact, number>();
/** A contact's size as JSON text (what core measures), once per contact object: release checks re-run per page. */
export const sizeOf = (contact: HighLevelContact): number => {
  let size = sizes.get(contact);
  if (size === undefined) {
    size = jsonChars(contact);
    sizes.set(contact, size);
  }
  return size;
};

/**
 * When each contact of the window is released (docs/TRIGGERS.md §10), oldest first (ties by id), by two token
 * buckets: one of contacts (RELEASE_BURST, one more every RELEASE_INTERVAL_MS) and one of characters
 * (RELEASE_BURST_CHARS, RELEASE_CHARS_PER_MS); a contact is released at its own time when both have enough left,
 * else as soon as both do. Only the data decides, so every check (and every Zap of the connection) computes the
 * same release times.
 */
export const releaseTimes = (
  contacts: readonly HighLevelContact[],
  field: 'dateAdded' | 'dateUpdated',
): Array<{ contact: HighLevelContact; at: number }> => {
  const ordered = [...contacts].sort(
    (a, b) => timeOf(a, field) - timeOf(b, field) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let clock = Number.NEGATIVE_INFINITY;
  let tokens = RELEASE_BURST;
  let chars = RELEASE_BURST_CHARS;
  return ordered.map((contact) => {
    const arrives = Math.max(timeOf(contact, field), clock);
    if (clock !== Number.NEGATIVE_INFINITY) {
      tokens = Math.min(RELEASE_BURST, tokens + (arrives - clock) / RELEASE_INTERVAL_MS);
      chars = Math.min(RELEASE_BURST_CHARS, chars + (arrives - clock) * RELEASE_CHARS_PER_MS);
    }
    // A contact larger than the burst would never fit: it costs the whole burst.
    const cost = Math.min(sizeOf(contact), RELEASE_BURST_CHARS);
    const wait = Math.max(0, (1 - tokens) * RELEASE_INTERVAL_MS, (cost - chars) / RELEASE_CHARS_PER_MS);
    tokens = Math.max(0, Math.min(RELEASE_BURST, tokens + wait / RELEASE_INTERVAL_MS) - 1);
    chars = Math.max(0, Math.min(RELEASE_BURST_CHARS, chars + wait * RELEASE_CHARS_PER_MS) - cost);
    clock = arrives + wait;
    return { contact, at: clock };
  });
};

/**
 * What a check at `now` returns of the window's contacts: the most recently released first, at most
 * MAX_WINDOW_CONTACTS and MAX_WINDOW_CHARS (always at least the newest released one).
 */
export const releasedAnswer = (
  contacts: readonly HighLevelContact[],
  field: 'dateAdded' | 'dateUpdated',
  now: number,
): HighLevelContact[] => {
  const released = releaseTimes(contacts, field)
    .filter(({ at }) => at <= now)
    .map(({ contact }) => contact)
    .reverse();
  return fitAnswer(released, MAX_WINDOW_CONTACTS, sizeOf);
};
