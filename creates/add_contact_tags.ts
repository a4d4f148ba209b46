import { defineCreate, defineInputField, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { readTagChange, tagChangeOutput } from '../lib/contacts/bodies';
import { contactIdField } from '../lib/contacts/fields';
import { tagsField } from '../lib/lookups/tags';
import { addContactTags } from '../lib/contacts/api';

const inputFields = defineInputFields([
  contactIdField,
  defineInputField({
    ...tagsField,
    required: true,
    helpText: "Choose the sub-account's tags or type new ones. The contact keeps the tags it already has.",
  }),
]);

export const perform = (async (z, bundle) => {
  const { contactId, tags } = readTagChange(z, bundle.inputData);
  const result = await addContactTags(z, contactId, tags);
  return { ...tagChangeOutput(contactId, result), addedTags: tags };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'add_contact_tags',
  noun: 'Tag',
  display: {
    label: 'Add Tags to Contact',
    description: 'Adds tags to a contact, keeping the tags it already has.',
  },
  operation: {
    inputFields,
    perform,
    sample: { id: 'ocQHyuzHvysMo5N5VsXc', tags: ['vip', 'newsletter', 'webinar'], addedTags: ['webinar'] },
    outputFields: [
      { key: 'id', label: 'Contact ID', type: 'string' },
      { key: 'tags', label: 'Contact Tags', type: 'string', list: true },
      { key: 'addedTags', label: 'Added Tags', type: 'string', list: true },
    ],
  },
});
