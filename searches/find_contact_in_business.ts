/**
 * Find Contact in Business: the contacts of one business (GET /contacts/business/{id}, HIGHLEVEL.md §6),
 * optionally narrowed by a keyword. One request, plus the custom field definitions when something is
 * found (cached, so one in steady state).
 */
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { businessIdField } from '../lib/lookups/businesses';
import { listBusinessContacts } from '../lib/contacts/api';
import {
  contactOutputFieldsWithCustom,
  contactSample,
  normaliseContactsWithCustomFields,
} from '../lib/contacts/model';
import { optionalSearchQuery, requiredId, SEARCH_QUERY_MAX_LENGTH } from '../lib/core/validation';

/** Zapier uses the first result; a small page keeps the step fast. */
const PAGE_LIMIT = 10;

const inputFields = defineInputFields([
  businessIdField,
  {
    key: 'query',
    label: 'Name or Keyword',
    type: 'string',
    required: false,
    // The business endpoint documents no maximum; the contact search's limit (HIGHLEVEL.md §7) is assumed.
    helpText: `Only contacts matching this name, email or phone (up to ${SEARCH_QUERY_MAX_LENGTH} characters). Leave empty for the first contact of the business.`,
  },
]);

export const perform = (async (z, bundle) => {
  const businessId = requiredId(z, bundle.inputData.businessId, 'Business');
  const query = optionalSearchQuery(z, bundle.inputData.query, 'Name or Keyword');
  const page = await listBusinessContacts(z, bundle, businessId, { limit: PAGE_LIMIT, query });
  return normaliseContactsWithCustomFields(z, bundle, page?.contacts ?? []);
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_contact_in_business',
  noun: 'Contact',
  display: {
    label: 'Find Contact in Business',
    description: 'Finds a contact of a business, optionally by name or keyword.',
  },
  operation: {
    inputFields,
    perform,
    sample: contactSample,
    outputFields: [contactOutputFieldsWithCustom],
  },
});
