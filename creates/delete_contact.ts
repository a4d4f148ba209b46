import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { confirmDeleted, deletedOutputFields, deletionWarningField } from '../lib/core/deletion';
import { contactIdField } from '../lib/contacts/fields';
import { deleteContact } from '../lib/contacts/api';
import { requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([contactIdField, deletionWarningField('contact')]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  return confirmDeleted(z, await deleteContact(z, contactId), 'contact', contactId);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'delete_contact',
  noun: 'Contact',
  display: {
    label: 'Delete Contact',
    description: 'Deletes a contact permanently.',
  },
  operation: {
    inputFields,
    perform,
    sample: { id: 'ocQHyuzHvysMo5N5VsXc', deleted: true },
    outputFields: deletedOutputFields('Contact ID'),
  },
});
