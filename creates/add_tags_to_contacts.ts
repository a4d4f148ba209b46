import { defineCreate, defineInputField, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { bulkUpdateTags } from '../lib/contacts/api';
import {
  bulkTagsOutput,
  bulkTagsOutputFields,
  contactsListField,
  MAX_BULK_CONTACTS,
} from '../lib/contacts/bulk';
import { userError } from '../lib/core/errors';
import { requiredIdList, textList } from '../lib/core/validation';
import { tagsField } from '../lib/lookups/tags';

const inputFields = defineInputFields([
  contactsListField,
  defineInputField({
    ...tagsField,
    required: true,
    helpText: "Choose the sub-account's tags or type new ones. The contacts keep the tags they already have.",
  }),
]);

export const perform = (async (z, bundle) => {
  const contacts = requiredIdList(z, bundle.inputData.contactIds, 'Contacts', MAX_BULK_CONTACTS);
  const tags = textList(bundle.inputData.tags);
  if (tags.length === 0)
    throw userError(z, 'Tags is required: choose or type at least one tag.', 'invalid_input');
  const result = await bulkUpdateTags(z, bundle, 'add', { contacts, tags });
  return bulkTagsOutput(z, contacts, tags, result);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'add_tags_to_contacts',
  noun: 'Tag',
  display: {
    label: 'Add Tags to Many Contacts',
    description: 'Adds tags to many contacts at once, keeping the tags they already have.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'bulk-5c1e9a7d3b20f486',
      tags: ['webinar'],
      updatedContactIds: ['ocQHyuzHvysMo5N5VsXc', 'hB9T2KpQ3xWmZ1vLc8Ds'],
      updatedCount: 2,
      notUpdatedContactIds: [],
      notUpdatedCount: 0,
      notUpdatedReasons: [],
    },
    outputFields: bulkTagsOutputFields,
  },
});
