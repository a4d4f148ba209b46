/**
 * New Contact: every contact added in the last 3 hours (a `dateAdded` range, newest first, paged), optionally only
 * those with a tag and/or assigned to a user (docs/TRIGGERS.md §6). The dedupe-populating poll returns the same
 * window, so a contact older than the window never fires, whatever is deleted, untagged or reassigned. Cost: one
 * request per 100 contacts added in the window (one request in steady state), whatever the sub-account's size.
 */
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import {
  contactOutputFieldsWithCustom,
  contactSample,
  normaliseContactsWithCustomFields,
} from '../lib/contacts/model';
import { contactFilters, pollContactWindow } from '../lib/contacts/poll';
import { optionalId } from '../lib/core/validation';
import { assignedUserField } from '../lib/lookups/users';
import { optionalTag, tagFilterField } from '../lib/lookups/tags';

const inputFields = defineInputFields([
  {
    key: 'rule',
    type: 'copy',
    helpText:
      'Triggers once for each contact added in the last 3 hours that matches the filters when the trigger checks; contacts added earlier never trigger, even when newer ones are deleted or untagged. A big import is spread over checks, oldest first, about 3,000 contacts an hour; none is skipped (Zapier may hold more than 100 new contacts of one check for your review).',
  },
  {
    ...tagFilterField,
    required: false,
    helpText:
      'Only new contacts that have this tag when the trigger checks (within 3 hours of being added). Leave empty for every new contact.',
  },
  {
    ...assignedUserField,
    helpText:
      'Only new contacts assigned to this user when the trigger checks (within 3 hours of being added). Leave empty for every new contact.',
  },
]);

export const perform = (async (z, bundle) => {
  const filters = contactFilters({
    tag: optionalTag(z, bundle.inputData.tag),
    assignedTo: optionalId(z, bundle.inputData.assignedTo, 'Assigned User'),
  });
  const { contacts, seenOnly } = await pollContactWindow(z, bundle, { field: 'dateAdded', filters });
  // seenOnly: the dedupe-populating check's other contacts, by id alone (docs/TRIGGERS.md §10).
  return [
    ...(await normaliseContactsWithCustomFields(z, bundle, contacts)),
    ...seenOnly.map((contact) => ({ id: contact.id })),
  ];
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_contact',
  noun: 'Contact',
  display: {
    label: 'New Contact',
    description: 'Triggers when a new contact is created.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: contactSample,
    outputFields: [contactOutputFieldsWithCustom],
  },
});
