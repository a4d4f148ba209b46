/**
 * Find Contact. Also the search behind every contact dropdown (`search: 'find_contact.id'`) and, paired with
 * create_contact, "Find or Create Contact": its `email` and `phone` keys are create_contact's keys, so the
 * editor carries them over to the create.
 *
 * One way is used, the most specific one filled in: a chosen contact, else email and/or phone (one duplicate
 * lookup; HighLevel tries the email first, then the phone, HIGHLEVEL.md §6), else the name or keyword.
 * Requests: one, plus the custom field definitions when something is found (cached, so one in steady state),
 * plus the sub-account once an hour for a phone typed without `+` (its country is the default region).
 */
import {
  defineInputFields,
  defineSearch,
  type Bundle,
  type SearchPerform,
  type ZObject,
} from 'zapier-platform-core';
import { foldText } from '../lib/core/matching';
import { userError } from '../lib/core/errors';
import { contactChoiceField, leniently, lenientlyAsync } from '../lib/contacts/fields';
import { optionalPhone } from '../lib/contacts/phone';
import { findContactById, findDuplicateContact, searchContacts } from '../lib/contacts/api';
import type { HighLevelContact } from '../lib/contacts/model';
import {
  contactActionSample,
  contactOutputFieldsWithCustom,
  normaliseContactsWithCustomFields,
  searchWarningsField,
} from '../lib/contacts/model';
import {
  optionalEmail,
  optionalId,
  optionalSearchQuery,
  optionalText,
  SEARCH_QUERY_MAX_LENGTH,
} from '../lib/core/validation';

/** Zapier uses the first result; a few more serve line-item and "return all" uses without a slow page. */
const KEYWORD_PAGE_LIMIT = 10;

const inputFields = defineInputFields([
  {
    ...contactChoiceField,
    helpText: 'Find this contact (used instead of the fields below when filled).',
  },
  {
    key: 'email',
    label: 'Email',
    type: 'string',
    required: false,
    helpText: 'The email address of the contact.',
  },
  {
    key: 'phone',
    label: 'Phone',
    type: 'string',
    required: false,
    helpText:
      "The phone number of the contact, e.g. +14155550123. A number without + is read in the sub-account's country. If Email is filled too, the email is tried first.",
  },
  {
    key: 'query',
    label: 'Name or Keyword',
    type: 'string',
    required: false,
    helpText: `Searches names, emails, phones and company names (up to ${SEARCH_QUERY_MAX_LENGTH} characters). Used only when Contact, Email and Phone are empty. The contact used is one whose full name or email is exactly this (ignoring case), if it is among HighLevel's first ${KEYWORD_PAGE_LIMIT} matches; else HighLevel's closest match.`,
  },
]);

/**
 * The keyword search, exact matches first (docs/ACTIONS.md §12): a contact of the one page read whose full name
 * (first and last name) or email is the query, ignoring case and extra spaces, comes before HighLevel's fuzzier
 * matches, which keep HighLevel's order; an exact match beyond that page is not seen. `matchCount`: how many
 * contacts HighLevel found for the query.
 */
const byNameOrKeyword = async (z: ZObject, bundle: Bundle, query: string) => {
  const { contacts, total } = await searchContacts(z, bundle, { pageLimit: KEYWORD_PAGE_LIMIT, query });
  const wanted = foldText(query);
  const exact = (contact: HighLevelContact) =>
    [[contact.firstName, contact.lastName].filter(Boolean).join(' '), contact.email].some(
      (text) => typeof text === 'string' && text !== '' && foldText(text) === wanted,
    );
  const found = [...contacts.filter(exact), ...contacts.filter((contact) => !exact(contact))];
  return { found, matchCount: Math.max(total ?? 0, contacts.length) };
};

export const perform = (async (z, bundle) => {
  const contactId = optionalId(z, bundle.inputData.contactId, 'Contact');
  const emailText = optionalText(bundle.inputData.email);
  const query = optionalSearchQuery(z, bundle.inputData.query, 'Name or Keyword');
  const phoneText = optionalText(bundle.inputData.phone);
  if (contactId === undefined && emailText === undefined && phoneText === undefined && query === undefined) {
    throw userError(
      z,
      'Fill in at least one of Contact, Email, Phone or Name or Keyword to find a contact.',
      'invalid_input',
    );
  }
  // docs/ACTIONS.md §5: a malformed email or phone is ignored, with a warning, when another criterion is
  // usable (so Find or Create still finds by the good one); alone it fails plainly.
  const warnings: string[] = [];
  const ignored = 'It was ignored; the search used the other criteria.';
  const email = leniently(warnings, () => optionalEmail(z, emailText), ignored);
  const phone = await lenientlyAsync(warnings, () => optionalPhone(z, bundle, phoneText), ignored);
  if (contactId === undefined && email === undefined && phone === undefined && query === undefined) {
    throw userError(
      z,
      warnings.map((warning) => warning.replace(` ${ignored}`, '')).join(' '),
      'invalid_input',
    );
  }

  const single = (contact: HighLevelContact | null) => {
    const found = contact ? [contact] : [];
    return { found, matchCount: found.length };
  };
  const { found, matchCount } =
    contactId !== undefined
      ? single(await findContactById(z, contactId))
      : email !== undefined || phone !== undefined
        ? single(await findDuplicateContact(z, bundle, { email, number: phone }))
        : await byNameOrKeyword(z, bundle, query ?? '');
  return (await normaliseContactsWithCustomFields(z, bundle, found)).map((contact) => ({
    ...contact,
    matchCount,
    warnings,
  }));
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_contact',
  noun: 'Contact',
  display: {
    label: 'Find Contact',
    description: 'Finds a contact by email, phone, name or keyword.',
  },
  operation: {
    inputFields,
    perform,
    sample: { ...contactActionSample, matchCount: 1 },
    outputFields: [
      contactOutputFieldsWithCustom,
      { key: 'matchCount', label: 'Contacts Matched', type: 'integer' },
      searchWarningsField,
    ],
  },
});
