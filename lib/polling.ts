/**
 * What the polling and dropdown triggers share (ZAPIER.md "Triggers"): page sizes, the burst-safe contact
 * search, the task scan, newest-first ordering, unique dedupe ids, and the helpers of the hidden dropdowns.
 * Every function returns HighLevel objects or plain values; the trigger files turn them into outputs.
 */
import { createHash } from 'node:crypto';
import { defineInputField, defineInputFields, type Bundle, type ZObject } from 'zapier-platform-core';
import {
  listContactTasks,
  searchContacts,
  searchLocationTasks,
  type AuthBundle,
  type ContactSearchBody,
  type LocationTaskSearchBody,
  type SearchFilter,
} from './highlevel';
import { userError } from './errors';
import { assignedUserField, contactChoiceField } from './fields';
import { isoDateTime, type HighLevelContact, type HighLevelTask } from './models';
import { contactOutputFieldsWithCustom, contactSample } from './outputs';
import { optionalId, optionalText } from './validation';

export type PollMeta = Pick<Bundle['meta'], 'isLoadingSample' | 'isPopulatingDedupe'>;
export type PollBundle = AuthBundle & { meta: PollMeta };

/** The same page size every poll; the editor's "test trigger" shows 3 items, so it asks for 3. */
export const POLL_PAGE_LIMIT = 100;
export const SAMPLE_PAGE_LIMIT = 3;

export const pageLimitFor = (meta: PollMeta): number =>
  meta.isLoadingSample ? SAMPLE_PAGE_LIMIT : POLL_PAGE_LIMIT;

/**
 * Burst safety (issue 4): a first page whose items are all younger than this may hide further new items
 * behind it (Zapier polls every 1–15 minutes), so the contact triggers page on, within these caps that keep
 * a poll inside Zapier's 30 s limit and HighLevel's 100 requests / 10 s (HIGHLEVEL.md §4).
 */
export const BURST = {
  windowMs: 15 * 60_000,
  maxItems: 500,
  budgetMs: 20_000,
} as const;

/** Epoch ms of any HighLevel date (ISO with or without offset, spaced wall-clock, epoch ms), or undefined. */
export const timestampOf = (value: string | number | null | undefined): number | undefined => {
  const iso = isoDateTime(value);
  return iso === null ? undefined : Date.parse(iso);
};

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

// ---------------------------------------------------------------------------------------------------------
// Contacts: POST /contacts/search, newest first by the trigger's date (HIGHLEVEL.md §7)

export type ContactSortField = 'dateAdded' | 'dateUpdated';

export interface ContactPoll {
  sortField: ContactSortField;
  filters?: SearchFilter[];
}

/**
 * One page of the contacts search, newest first by `sortField` (3 items for the editor's sample). On a live
 * poll whose first page is entirely younger than BURST.windowMs it pages on with the last contact's
 * `searchAfter` cursor until a page reaches an older contact, BURST.maxItems, or BURST.budgetMs; otherwise it
 * is exactly one request. The sample and the dedupe-seeding poll never page on.
 */
export const pollContacts = async (
  z: ZObject,
  bundle: PollBundle,
  { sortField, filters = [] }: ContactPoll,
): Promise<HighLevelContact[]> => {
  const started = Date.now();
  const pageLimit = pageLimitFor(bundle.meta);
  const body: ContactSearchBody = {
    pageLimit,
    ...(filters.length > 0 ? { filters } : {}),
    sort: [{ field: sortField, direction: 'desc' }],
  };
  let page = (await searchContacts(z, bundle, body)).contacts;
  const contacts = [...page];
  if (bundle.meta.isLoadingSample || bundle.meta.isPopulatingDedupe) return contacts.slice(0, pageLimit);

  const isRecent = (contact: HighLevelContact) => {
    const at = timestampOf(contact[sortField]);
    return at !== undefined && Date.now() - at < BURST.windowMs;
  };
  while (
    page.length >= pageLimit &&
    page.every(isRecent) &&
    contacts.length < BURST.maxItems &&
    Date.now() - started < BURST.budgetMs
  ) {
    const searchAfter = page[page.length - 1].searchAfter;
    if (!searchAfter || searchAfter.length === 0) break;
    page = (await searchContacts(z, bundle, { ...body, searchAfter: [...searchAfter] })).contacts;
    contacts.push(...page);
  }
  return uniqueBy(contacts, (contact) => contact.id).slice(0, BURST.maxItems);
};

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

/** One tag, chosen from the sub-account's tags or typed (a dynamic dropdown accepts custom values). */
export const tagFilterField = defineInputField({
  key: 'tag',
  label: 'Tag',
  type: 'string',
  required: true,
  dynamic: 'tag_list.id.label',
  helpText: "Choose one of the sub-account's tags or type one.",
});

/**
 * A tag as HighLevel stores it: trimmed and lower-cased (HighLevel lower-cases tags on write; the sandbox
 * mirrors it), so "VIP" typed by hand finds and dedupes like "vip" chosen from the dropdown.
 */
const tagName = (tag: string): string => tag.toLowerCase();

/** One tag, trimmed and lower-cased; a mapped list of several tags is refused (the filter takes one). */
export const optionalTag = (z: ZObject, value: unknown, label = 'Tag'): string | undefined => {
  const tags = Array.isArray(value) ? value.map(optionalText).filter((tag) => tag !== undefined) : [];
  if (tags.length > 1) {
    throw userError(z, `${label} takes one tag; got ${tags.length}. Choose a single tag.`, 'invalid_input');
  }
  const tag = Array.isArray(value) ? tags[0] : optionalText(value);
  return tag === undefined ? undefined : tagName(tag);
};

export const requiredTag = (z: ZObject, value: unknown, label = 'Tag'): string => {
  const tag = optionalTag(z, value, label);
  if (tag === undefined) throw userError(z, `${label} is required.`, 'invalid_input');
  return tag;
};

interface OutputField {
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

/** Contact output fields (custom fields included) for a trigger whose `id` is an event id. */
export const contactEventOutputFields =
  (extra: readonly OutputField[] = []) =>
  async (z: ZObject, bundle: Bundle) =>
    withEventId(
      await contactOutputFieldsWithCustom(z, bundle),
      { key: 'contactId', label: 'Contact ID' },
      extra,
    );

/** The static sample of a contact trigger whose `id` is `<contact id>:<event>` (contactEventOutputFields). */
export const contactEventSample = <T extends object = object>(event: string, extra?: T) => ({
  ...contactSample,
  id: `${contactSample.id}:${event}`,
  contactId: contactSample.id,
  ...extra,
});

// ---------------------------------------------------------------------------------------------------------
// Tasks (HIGHLEVEL.md §8)

/**
 * The location task search has no documented order (HIGHLEVEL.md §8), so a live poll reads the whole
 * filtered list (pages of POLL_PAGE_LIMIT via `skip`) up to these caps and sorts it itself. With the usual
 * few open tasks that is one request.
 */
export const TASK_SCAN = {
  maxItems: 1_000,
  budgetMs: 20_000,
} as const;

/** The contact a per-contact trigger watches (no `search`: search-powered fields are for actions). */
export const pollContactField = defineInputField({ ...contactChoiceField, required: true });

/** Inputs of the task triggers: an optional contact (else the whole sub-account) and assignee. */
export const taskPollInputFields = (contactHelp: string) =>
  defineInputFields([
    { ...contactChoiceField, helpText: contactHelp },
    { ...assignedUserField, helpText: 'Only tasks assigned to this user.' },
  ]);

export const taskPollOptions = (z: ZObject, inputData: { contactId?: unknown; assignedTo?: unknown }) => ({
  contactId: optionalId(z, inputData.contactId, 'Contact'),
  assignedTo: optionalId(z, inputData.assignedTo, 'Assigned User'),
});

export interface TaskPoll {
  contactId?: string;
  assignedTo?: string;
  /** Only completed (true) or only open (false) tasks; undefined: both (one contact's tasks only). */
  completed?: boolean;
  /** The timestamp that makes a task "newest". */
  time: (task: HighLevelTask) => number | undefined;
}

/**
 * Tasks newest first: one contact's (GET /contacts/:id/tasks, filtered here) or the sub-account's
 * (POST /locations/:id/tasks/search). The dedupe-seeding poll reads the same set as a live poll: with no
 * order to rely on, seeding only a first page would make older tasks fire later.
 */
export const pollTasks = async (
  z: ZObject,
  bundle: PollBundle,
  { contactId, assignedTo, completed, time }: TaskPoll,
): Promise<HighLevelTask[]> => {
  const limit = pageLimitFor(bundle.meta);
  let tasks: HighLevelTask[];
  if (contactId !== undefined) {
    tasks = (await listContactTasks(z, bundle, contactId)).filter(
      (task) =>
        (completed === undefined || (task.completed === true) === completed) &&
        (assignedTo === undefined || task.assignedTo === assignedTo),
    );
  } else {
    tasks = await scanLocationTasks(z, bundle, {
      ...(completed === undefined ? {} : { completed }),
      ...(assignedTo === undefined ? {} : { assignedTo: [assignedTo] }),
      limit,
    });
  }
  const sorted = newestFirst(
    uniqueBy(tasks, (task) => task.id),
    time,
  );
  return bundle.meta.isLoadingSample ? sorted.slice(0, SAMPLE_PAGE_LIMIT) : sorted;
};

const scanLocationTasks = async (
  z: ZObject,
  bundle: PollBundle,
  body: LocationTaskSearchBody & { limit: number },
): Promise<HighLevelTask[]> => {
  const started = Date.now();
  let page = await searchLocationTasks(z, bundle, body);
  const tasks = [...page];
  if (bundle.meta.isLoadingSample) return tasks;
  const seen = new Set(tasks.map((task) => task.id));
  while (
    page.length >= body.limit &&
    tasks.length < TASK_SCAN.maxItems &&
    Date.now() - started < TASK_SCAN.budgetMs
  ) {
    page = await searchLocationTasks(z, bundle, { ...body, skip: tasks.length });
    const fresh = page.filter((task) => !seen.has(task.id));
    // A server that ignores `skip` would repeat a page forever: stop when nothing new arrives.
    if (fresh.length === 0) break;
    for (const task of fresh) seen.add(task.id);
    tasks.push(...fresh);
  }
  return tasks.slice(0, TASK_SCAN.maxItems);
};

// ---------------------------------------------------------------------------------------------------------
// Hidden dropdown triggers

/** A dropdown item: `dynamic: '<key>.id.label'` reads these two. */
export interface Choice {
  id: string;
  label: string;
}

/** Lists HighLevel returns whole: the first page is everything, "load more" gets `[]` without a request. */
export const wholeListPage = async (bundle: Pick<Bundle, 'meta'>, load: () => Promise<Choice[]>) =>
  (bundle.meta.page ?? 0) > 0 ? [] : load();

/** Dropdown items sorted by label, case-insensitively. */
export const alphabetical = (choices: Choice[]): Choice[] =>
  [...choices].sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }));

/** "Name (email)", or whichever of the two exists, else the fallback. */
export const nameWithEmail = (
  name: string | null | undefined,
  email: string | null | undefined,
  fallback: string,
): string => {
  const cleanName = name?.trim() || undefined;
  const cleanEmail = email?.trim() || undefined;
  if (cleanName && cleanEmail) return `${cleanName} (${cleanEmail})`;
  return cleanName ?? cleanEmail ?? fallback;
};

/** A one-line dropdown label of at most `max` characters. */
export const oneLine = (text: string, max = 80): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** "Name", or "Name (draft)" for anything not published (workflows, campaigns); the id when unnamed. */
export const statusLabel = (
  name: string | null | undefined,
  status: string | null | undefined,
  fallback: string,
): string => {
  const label = name?.trim() || fallback;
  const state = status?.trim().toLowerCase();
  return state && state !== 'published' ? `${label} (${state})` : label;
};
