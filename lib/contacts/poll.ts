/**
 * The contact triggers' polls (docs/TRIGGERS.md §6–§8): POST /contacts/search by a time range (HIGHLEVEL.md §7),
 * paged with `searchAfter` inside a hard time budget, and the optional tag and assignee filters.
 * - New Contact and Updated Contact without Watch Fields are windows: every contact added (updated) in the last
 *   CONTACT_WINDOW_MS, so a contact that is not new never fires, however the first page shifts;
 * - Contact Tag Added and Updated Contact with Watch Fields keep a baseline and an event log per connection
 *   (lib/core/triggerState.ts).
 */
import type { ZObject } from 'zapier-platform-core';
import { timestampOf } from '../core/dates';
import { userError } from '../core/errors';
import { stableHash, type PollBundle } from '../core/polling';
import { Deadline, pollEvents, type Baseline, type EventTrigger } from '../core/triggerState';
import type { AuthBundle } from '../core/request';
import { searchContacts, type ContactSearchBody, type SearchFilter } from './api';
import { normaliseContactsWithCustomFields, type HighLevelContact } from './model';
import { releasedAnswer, releaseTimes } from './release';

export {
  LONGEST_POLL_GAP_MS,
  MAX_WINDOW_CHARS,
  MAX_WINDOW_CONTACTS,
  RELEASE_BURST,
  RELEASE_BURST_CHARS,
  RELEASE_CHARS_PER_MS,
  RELEASE_INTERVAL_MS,
  releasedAnswer,
  releaseTimes,
} from './release';

/** Filters for an optional tag and assignee (top-level search filters are ANDed, HIGHLEVEL.md §7). */
export const contactFilters = ({
  tag,
  assignedTo,
}: {
  tag?: string;
  assignedTo?: string;
}): SearchFilter[] => [
  ...(tag === undefined ? [] : [{ field: 'tags', operator: 'eq' as const, value: tag }]),
  ...(assignedTo === undefined ? [] : [{ field: 'assignedTo', operator: 'eq' as const, value: assignedTo }]),
];

/** Contacts per search request (HighLevel: keep pageLimit ≤ 100, docs/HIGHLEVEL.md §7). */
export const CONTACT_PAGE = 100;
/**
 * New Contact / Updated Contact (every update) return every contact added (updated) this recently: three times
 * the longest gap between two polls of one Zap (15 min + 30 min late + one failed poll ≈ 60 min).
 */
export const CONTACT_WINDOW_MS = 3 * 60 * 60_000;
/** The most contacts one check reads (100 pages, budget permitting). */
export const MAX_WINDOW_READ = 10_000;
/** Contacts read when a baseline of watched values is built (the Zap's turn-on): 10 requests. */
export const BASELINE_CONTACTS = 1_000;
/** Contacts having the tag read when Contact Tag Added builds its baseline: 20 requests. */
export const TAG_BASELINE_CONTACTS = 2_000;
/** The hard wall-clock budget of one poll (Zapier stops a poll at 30 s), retries and paging included. */
export const POLL_BUDGET_MS = 25_000;
/** A next page is requested only when at least this much of the budget is left. */
const PAGE_RESERVE_MS = 4_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** Runs `work`, failing with a plain message when the poll's budget runs out first. */
const withinBudget = async <T>(z: ZObject, deadline: Deadline, work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          userError(
            z,
            'HighLevel answered too slowly to finish this check within Zapier’s 30 seconds. Nothing is lost: the next check picks up from here.',
            'poll_timeout',
          ),
        ),
      Math.max(0, deadline.remainingMs),
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

export interface RangeRead {
  contacts: HighLevelContact[];
  /** Every matching contact was read (false: the budget or `max` stopped it). */
  complete: boolean;
}

/**
 * The first page's search of readContactRange: `filters` and `field` ≥ `from` (when given), sorted by `field`.
 * Exported so the benchmark sends exactly what a poll sends (scripts/bench/overhead.ts).
 */
export const rangeSearchBody = (options: {
  field: 'dateAdded' | 'dateUpdated';
  from?: number;
  filters?: SearchFilter[];
  direction: 'asc' | 'desc';
}): ContactSearchBody => {
  const { field, from, filters = [], direction } = options;
  const body: ContactSearchBody = {
    pageLimit: CONTACT_PAGE,
    filters: [
      ...filters,
      ...(from === undefined ? [] : [{ field, operator: 'range' as const, value: { gte: iso(from) } }]),
    ],
    sort: [{ field, direction }],
  };
  if (body.filters?.length === 0) delete body.filters;
  return body;
};

/** The search body of a window poll (New Contact: `dateAdded`) started at `now`, as pollContactWindow sends it. */
export const windowSearchBody = (
  field: 'dateAdded' | 'dateUpdated',
  filters: SearchFilter[] = [],
  now: number = Date.now(),
): ContactSearchBody => rangeSearchBody({ field, filters, ...windowRange(now) });

/** Where a window poll starts reading, oldest first: released contacts come first (docs/TRIGGERS.md §10). */
const windowRange = (now: number) => ({ from: now - CONTACT_WINDOW_MS, direction: 'asc' as const });

/**
 * Every contact matching `filters` whose `field` is at or after `from`, sorted by `field` (`direction`), paged
 * with the last contact's `searchAfter` until a short page, `max` contacts, or the budget.
 */
export const readContactRange = async (
  z: ZObject,
  bundle: AuthBundle,
  options: {
    field: 'dateAdded' | 'dateUpdated';
    from?: number;
    filters?: SearchFilter[];
    direction: 'asc' | 'desc';
    max: number;
    deadline: Deadline;
    /** Stops after the page read so far (every contact read, in order) when this says so: complete. */
    until?: (readSoFar: readonly HighLevelContact[]) => boolean;
  },
): Promise<RangeRead> => {
  const { max, deadline, until } = options;
  const body = rangeSearchBody(options);
  const contacts: HighLevelContact[] = [];
  const seen = new Set<string>();
  let searchAfter: Array<string | number> | undefined;
  for (;;) {
    const page = (
      await withinBudget(
        z,
        deadline,
        searchContacts(z, bundle, searchAfter ? { ...body, searchAfter } : body),
      )
    ).contacts;
    for (const contact of page) {
      if (seen.has(contact.id)) continue;
      seen.add(contact.id);
      contacts.push(contact);
    }
    const last = page[page.length - 1]?.searchAfter;
    if (page.length < CONTACT_PAGE || !last || last.length === 0) return { contacts, complete: true };
    if (until?.(contacts)) return { contacts, complete: true };
    if (contacts.length >= max || !deadline.allows(PAGE_RESERVE_MS)) return { contacts, complete: false };
    searchAfter = [...last];
  }
};

// ---------------------------------------------------------------------------------------------------------
// Windows: New Contact, Updated Contact (every update)

export interface WindowRead {
  /** What the check returns: released contacts, most recently released first, at most MAX_WINDOW_CONTACTS. */
  contacts: HighLevelContact[];
  /**
   * The dedupe-populating check only: every other contact of the window (not released yet, or released long
   * enough ago), to be returned by id alone so that none of them fires later in the Zap being turned on.
   */
  seenOnly: HighLevelContact[];
}

/**
 * Every contact whose `field` lies in the last CONTACT_WINDOW_MS and matches `filters`. Usually all of them are
 * returned, newest first, as before. In a burst (more than RELEASE_BURST at once, or more than one contact per
 * RELEASE_INTERVAL_MS for long, or larger ones faster than RELEASE_CHARS_PER_MS) they are released oldest first at
 * that rate, over as many checks as it takes, and a check returns the most recently released, at most
 * MAX_WINDOW_CONTACTS and MAX_WINDOW_CHARS: each check stays under the response limit and every contact fires once (docs/TRIGGERS.md
 * §10). The dedupe-populating check also names every other contact of the window (`seenOnly`), so nothing there
 * when the Zap is turned on fires later.
 */
export const pollContactWindow = async (
  z: ZObject,
  bundle: PollBundle,
  options: { field: 'dateAdded' | 'dateUpdated'; filters?: SearchFilter[] },
): Promise<WindowRead> => {
  const deadline = new Deadline(POLL_BUDGET_MS);
  if (bundle.meta.isLoadingSample) {
    const body: ContactSearchBody = {
      pageLimit: 3,
      ...(options.filters?.length ? { filters: options.filters } : {}),
      sort: [{ field: options.field, direction: 'desc' }],
    };
    const sample = (await withinBudget(z, deadline, searchContacts(z, bundle, body))).contacts.slice(0, 3);
    return { contacts: sample, seenOnly: [] };
  }
  const now = Date.now();
  const populating = bundle.meta.isPopulatingDedupe === true;
  const read = await readContactRange(z, bundle, {
    ...options,
    ...windowRange(now),
    max: MAX_WINDOW_READ,
    deadline,
    // Released contacts come first (oldest first): a later check needs no more than the first unreleased one.
    until: populating
      ? undefined
      : (readSoFar) => {
          const released = releaseTimes(readSoFar, options.field);
          return released.length > 0 && released[released.length - 1].at > now;
        },
  });
  if (!read.complete) {
    throw userError(
      z,
      read.contacts.length >= MAX_WINDOW_READ
        ? `More than ${MAX_WINDOW_READ.toLocaleString('en-US')} contacts were ${options.field === 'dateAdded' ? 'added' : 'updated'} in the last 3 hours: too many to read in one check. This check stops here; the next one tries again.`
        : 'HighLevel answered too slowly to read every recent contact within Zapier’s 30 seconds. Nothing is lost: the next check tries again.',
      read.contacts.length >= MAX_WINDOW_READ ? 'too_many_items' : 'poll_timeout',
    );
  }
  const released = releasedAnswer(read.contacts, options.field, now);
  const returned = new Set(released.map((contact) => contact.id));
  return {
    contacts: released,
    seenOnly: populating ? read.contacts.filter((contact) => !returned.has(contact.id)) : [],
  };
};

// ---------------------------------------------------------------------------------------------------------
// Event triggers: Contact Tag Added, Updated Contact with Watch Fields

/** The common part: the changes since the last check, oldest change first, and how far they got. */
const readChanges = async (z: ZObject, bundle: AuthBundle, since: number, deadline: Deadline) => {
  const startedAt = Date.now();
  const read = await readContactRange(z, bundle, {
    field: 'dateUpdated',
    from: since,
    direction: 'asc',
    max: Number.POSITIVE_INFINITY,
    deadline,
  });
  const last = read.contacts[read.contacts.length - 1];
  return {
    records: read.contacts,
    // Stopped early: every change before the last one read is in; the next poll goes on from there.
    readUntil: read.complete ? startedAt : (timestampOf(last?.dateUpdated) ?? since),
  };
};

export interface ContactEventItem {
  id: string;
  contactId: string;
  [field: string]: unknown;
}

type Normalised = Awaited<ReturnType<typeof normaliseContactsWithCustomFields>>[number];

/**
 * Runs one poll of a contact event trigger: outside the editor's sample, the shared state decides what fires
^ * (lib/core/triggerState.ts); the sample shows the three most recently updated matching contacts as events.
 */
export const pollContactEvents = async (
  z: ZObject,
  bundle: PollBundle,
  options: {
    trigger: string;
    inputs: Record<string, unknown>;
    /** Filters of the sample and the baseline read. */
    filters: SearchFilter[];
    /** How many contacts the baseline read may take (default BASELINE_CONTACTS). */
    baselineContacts?: number;
    /** Baseline value of a contact (undefined: nothing to remember, e.g. untagged where the baseline is complete). */
    valueOf(contact: HighLevelContact, output: Normalised, complete: boolean): string | undefined;
    /** Whether a change from `previous` (undefined: never seen) to `value` fires. */
    fires(
      previous: string | undefined,
      value: string | undefined,
      contact: HighLevelContact,
      state: { complete: boolean; createdAt: number },
      output: Normalised,
    ): boolean;
    eventId(contact: HighLevelContact): string;
    /** Output keys of every item (the sample's too); `details` fills them in for an event. */
    extra?: Record<string, unknown>;
    details?(
      previous: string | undefined,
      contact: HighLevelContact,
      output: Normalised,
    ): Record<string, unknown>;
  },
): Promise<ContactEventItem[]> => {
  const item = (contact: HighLevelContact, output: Normalised, id: string): ContactEventItem => ({
    ...output,
    id,
    contactId: contact.id,
    ...options.extra,
  });
  if (bundle.meta.isLoadingSample) {
    const deadline = new Deadline(POLL_BUDGET_MS);
    const body: ContactSearchBody = {
      pageLimit: 3,
      ...(options.filters.length ? { filters: options.filters } : {}),
      sort: [{ field: 'dateUpdated', direction: 'desc' }],
    };
    const contacts = (await withinBudget(z, deadline, searchContacts(z, bundle, body))).contacts.slice(0, 3);
    const outputs = await normaliseContactsWithCustomFields(z, bundle, contacts);
    return contacts.map((contact, index) => item(contact, outputs[index], options.eventId(contact)));
  }

  // Outputs are normalised once per poll, when the changed contacts arrive (custom field definitions cached).
  const outputs = new Map<string, Normalised>();
  const normalise = async (contacts: HighLevelContact[]) => {
    const normalised = await normaliseContactsWithCustomFields(z, bundle, contacts);
    contacts.forEach((contact, index) => outputs.set(contact.id, normalised[index]));
    return contacts;
  };
  const spec: EventTrigger<HighLevelContact, ContactEventItem> = {
    trigger: options.trigger,
    inputs: options.inputs,
    idOf: (contact) => contact.id,
    timeOf: (contact) => timestampOf(contact.dateUpdated),
    readBaseline: async (deadline): Promise<Baseline> => {
      const startedAt = Date.now();
      const read = await readContactRange(z, bundle, {
        field: 'dateUpdated',
        filters: options.filters,
        direction: 'desc',
        max: options.baselineContacts ?? BASELINE_CONTACTS,
        deadline,
      });
      await normalise(read.contacts);
      const entries = read.contacts.flatMap((contact) => {
        const value = options.valueOf(contact, outputs.get(contact.id) as Normalised, read.complete);
        return value === undefined ? [] : [{ id: contact.id, value }];
      });
      return { entries, complete: read.complete, startedAt };
    },
    readChanges: async (since, deadline) => {
      const changes = await readChanges(z, bundle, since, deadline);
      await normalise(changes.records);
      return changes;
    },
    compare: (contact, previous, state) => {
      const output = outputs.get(contact.id) as Normalised;
      const value = options.valueOf(contact, output, state.complete);
      if (!options.fires(previous, value, contact, state, output)) return { value };
      const event = item(contact, output, options.eventId(contact));
      return {
        value,
        event: { id: event.id, item: { ...event, ...options.details?.(previous, contact, output) } },
      };
    },
  };
  const outcome = await pollEvents(z, spec, new Deadline(POLL_BUDGET_MS));
  return outcome.events.map((event) => ({ ...event.item, id: event.id }));
};

/** A digest of values (watched fields) for the baseline. */
export const valuesDigest = (values: unknown): string => stableHash(values);

/** Epoch ms of a contact's dateAdded (undefined when HighLevel sent none). */
export const addedAt = (contact: HighLevelContact): number | undefined => timestampOf(contact.dateAdded);
