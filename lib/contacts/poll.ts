/**
 * The contact triggers' poll: POST /contacts/search, newest first by the trigger's date (HIGHLEVEL.md §7),
 * burst-safe, with the optional tag and assignee filters.
 */
import type { ZObject } from 'zapier-platform-core';
import { timestampOf } from '../core/dates';
import { pageLimitFor, uniqueBy, type PollBundle } from '../core/polling';
import { searchContacts, type ContactSearchBody, type SearchFilter } from './api';
import type { HighLevelContact } from './model';

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
