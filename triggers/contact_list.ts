/**
 * Hidden dropdown of contacts, "Name (email or phone)" (docs/ACTIONS.md §13), newest first, 100 a page (`canPaginate`: Zapier's "load more"
 * asks for bundle.meta.page 1, 2, …; HighLevel's `page` is 1-based). Zapier passes no typed search text to a
 * trigger-powered dropdown (core 19's bundle.meta has none); finding a contact by name or email is what the
 * fields' `search: 'find_contact.id'` is for, and the editor filters the loaded items as the user types.
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { CONTACT_DROPDOWN } from '../lib/contacts/fields';
import { searchContacts } from '../lib/contacts/api';
import { contactChoiceLabel } from '../lib/contacts/model';
import type { Choice } from '../lib/core/dropdowns';
import { POLL_PAGE_LIMIT } from '../lib/core/polling';

/** HIGHLEVEL.md §7: `page × pageLimit` reaches at most 10,000 contacts; past that the list ends. */
const LAST_PAGE = Math.floor(10_000 / POLL_PAGE_LIMIT);

export const perform = (async (z, bundle) => {
  const page = (bundle.meta.page ?? 0) + 1;
  if (!Number.isInteger(page) || page < 1 || page > LAST_PAGE) return [];
  const { contacts } = await searchContacts(z, bundle, {
    pageLimit: POLL_PAGE_LIMIT,
    page,
    sort: [{ field: 'dateAdded', direction: 'desc' }],
  });
  return contacts.map((contact): Choice => ({ id: contact.id, label: contactChoiceLabel(contact) }));
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: CONTACT_DROPDOWN,
  noun: 'Contact',
  display: {
    label: 'List of Contacts',
    description: 'Triggers when a contact is listed, to fill contact dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: true,
  },
});
