import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { bulkUpdateBusiness } from '../lib/contacts/api';
import {
  bulkBusinessOutput,
  bulkBusinessOutputFields,
  contactsListField,
  MAX_BULK_CONTACTS,
} from '../lib/contacts/bulk';
import { requiredIdList } from '../lib/core/validation';

const inputFields = defineInputFields([contactsListField]);

/** ContactsBusinessUpdate: `businessId: null` unlinks the contacts from whatever business they are in. */
export const perform = (async (z, bundle) => {
  const ids = requiredIdList(z, bundle.inputData.contactIds, 'Contacts', MAX_BULK_CONTACTS);
  return bulkBusinessOutput(z, ids, null, await bulkUpdateBusiness(z, bundle, ids, null));
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'remove_contacts_from_business',
  noun: 'Business',
  display: {
    label: 'Remove Contacts from Business',
    description: 'Removes many contacts from their business at once.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'bulk-8d04b6e2a91f37c5',
      businessId: null,
      updatedContactIds: ['ocQHyuzHvysMo5N5VsXc'],
      updatedCount: 1,
      notUpdatedContactIds: [],
      notUpdatedCount: 0,
      notUpdatedReasons: [],
    },
    outputFields: bulkBusinessOutputFields,
  },
});
