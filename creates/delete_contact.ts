import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { confirmDeleted, deletedOutputFields, deletionWarningField } from '../lib/actionFields';
import { contactIdField } from '../lib/fields';
import { deleteContact } from '../lib/highlevel';
import { requiredId } from '../lib/validation';

const inputFields = defineInputFields([contactIdField, deletionWarningField('contact')]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  return confirmDeleted(z, await deleteContact(z, bundle, contactId), 'contact', contactId);
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
