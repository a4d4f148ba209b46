/**
 * New Contact: POST /contacts/search sorted by `dateAdded` desc, optionally only contacts with a tag and/or
 * assigned to a user. One request per poll (plus the custom field definitions, cached); pages on only in a
 * burst (lib/contacts/poll.ts `pollContacts`).
 */
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { assignedUserField } from '../lib/lookups/users';
import {
  contactOutputFieldsWithCustom,
  contactSample,
  normaliseContactsWithCustomFields,
} from '../lib/contacts/model';
import { contactFilters, pollContacts } from '../lib/contacts/poll';
import { optionalTag, tagFilterField } from '../lib/lookups/tags';
import { optionalId } from '../lib/core/validation';

const inputFields = defineInputFields([
  {
    ...tagFilterField,
    required: false,
    helpText: 'Only contacts with this tag. Leave empty for every new contact.',
  },
  {
    ...assignedUserField,
    helpText: 'Only contacts assigned to this user. Leave empty for every new contact.',
  },
]);

export const perform = (async (z, bundle) => {
  const filters = contactFilters({
    tag: optionalTag(z, bundle.inputData.tag),
    assignedTo: optionalId(z, bundle.inputData.assignedTo, 'Assigned User'),
  });
  const contacts = await pollContacts(z, bundle, { sortField: 'dateAdded', filters });
  return normaliseContactsWithCustomFields(z, bundle, contacts);
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
