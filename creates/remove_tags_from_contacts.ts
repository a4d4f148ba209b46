import { defineCreate, defineInputField, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { bulkUpdateTags } from '../lib/contacts/api';
import {
  bulkTagsOutput,
  bulkTagsOutputFields,
  contactsListField,
  MAX_BULK_CONTACTS,
} from '../lib/contacts/bulk';
import { userError } from '../lib/core/errors';
import { definedOnly, optionalBoolean, requiredIdList, textList } from '../lib/core/validation';
import { tagsField } from '../lib/lookups/tags';

const inputFields = defineInputFields([
  contactsListField,
  defineInputField({ ...tagsField, helpText: 'The tags to take off the contacts.' }),
  defineInputField({
    key: 'removeAllTags',
    label: 'Remove All Tags',
    type: 'boolean',
    required: false,
    helpText: 'Yes takes every tag off the contacts (Tags is then ignored). Defaults to No.',
  }),
]);

export const perform = (async (z, bundle) => {
  const contacts = requiredIdList(z, bundle.inputData.contactIds, 'Contacts', MAX_BULK_CONTACTS);
  const removeAllTags = optionalBoolean(z, bundle.inputData.removeAllTags, 'Remove All Tags') === true;
  // UpdateTagsDTO requires `tags` even with removeAllTags: an empty list then.
  const tags = removeAllTags ? [] : textList(bundle.inputData.tags);
  if (!removeAllTags && tags.length === 0) {
    throw userError(
      z,
      'Tags is required: choose at least one tag, or set Remove All Tags to Yes.',
      'invalid_input',
    );
  }
  const result = await bulkUpdateTags(
    z,
    bundle,
    'remove',
    definedOnly({ contacts, tags, removeAllTags: removeAllTags || undefined }),
  );
  return bulkTagsOutput(z, contacts, tags, result);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'remove_tags_from_contacts',
  noun: 'Tag',
  display: {
    label: 'Remove Tags from Many Contacts',
    description: 'Removes tags (or every tag) from many contacts at once.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'bulk-5c1e9a7d3b20f486',
      tags: ['newsletter'],
      updatedContactIds: ['ocQHyuzHvysMo5N5VsXc'],
      updatedCount: 1,
      notUpdatedContactIds: ['hB9T2KpQ3xWmZ1vLc8Ds'],
      notUpdatedCount: 1,
      notUpdatedReasons: ['contact is deleted'],
    },
    outputFields: bulkTagsOutputFields,
  },
});
