import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { bulkUpdateBusiness } from '../lib/contacts/api';
import {
  bulkBusinessOutput,
  bulkBusinessOutputFields,
  contactsListField,
  MAX_BULK_CONTACTS,
} from '../lib/contacts/bulk';
import { requiredId, requiredIdList } from '../lib/core/validation';
import { businessIdField } from '../lib/lookups/businesses';

const inputFields = defineInputFields([businessIdField, contactsListField]);

export const perform = (async (z, bundle) => {
  const businessId = requiredId(z, bundle.inputData.businessId, 'Business');
  const ids = requiredIdList(z, bundle.inputData.contactIds, 'Contacts', MAX_BULK_CONTACTS);
  return bulkBusinessOutput(z, ids, businessId, await bulkUpdateBusiness(z, bundle, ids, businessId));
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'add_contacts_to_business',
  noun: 'Business',
  display: {
    label: 'Add Contacts to Business',
    description: 'Adds many contacts to a business at once.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'bulk-8d04b6e2a91f37c5',
      businessId: '63771dcac1116f0e21de8e12',
      updatedContactIds: ['ocQHyuzHvysMo5N5VsXc'],
      updatedCount: 1,
      notUpdatedContactIds: [],
      notUpdatedCount: 0,
      notUpdatedReasons: [],
    },
    outputFields: bulkBusinessOutputFields,
  },
});
