import { defineCreate, defineInputField, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { readTagChange, tagChangeOutput } from '../lib/contacts/bodies';
import { contactIdField } from '../lib/contacts/fields';
import { tagsField } from '../lib/lookups/tags';
import { removeContactTags } from '../lib/contacts/api';

const inputFields = defineInputFields([
  contactIdField,
  defineInputField({
    ...tagsField,
    required: true,
    helpText: 'The tags to take off the contact. Its other tags stay.',
  }),
]);

export const perform = (async (z, bundle) => {
  const { contactId, tags } = readTagChange(z, bundle.inputData);
  const result = await removeContactTags(z, contactId, tags);
  return { ...tagChangeOutput(contactId, result), removedTags: tags };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'remove_contact_tags',
  noun: 'Tag',
  display: {
    label: 'Remove Tags from Contact',
    description: 'Removes tags from a contact, keeping its other tags.',
  },
  operation: {
    inputFields,
    perform,
    sample: { id: 'ocQHyuzHvysMo5N5VsXc', tags: ['vip'], removedTags: ['newsletter'] },
    outputFields: [
      { key: 'id', label: 'Contact ID', type: 'string' },
      { key: 'tags', label: 'Contact Tags', type: 'string', list: true },
      { key: 'removedTags', label: 'Removed Tags', type: 'string', list: true },
    ],
  },
});
