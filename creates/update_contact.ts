import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import {
  buildContactUpdateBody,
  contactActionOutput,
  customFieldInputs,
  customFieldOutputs,
  updateContactInputFields,
} from '../lib/contactFields';
import { contactIdField } from '../lib/fields';
import { updateContact } from '../lib/highlevel';
import { contactOutputFields, contactSample } from '../lib/outputs';
import { requiredId } from '../lib/validation';

const inputFields = defineInputFields([contactIdField, ...updateContactInputFields, customFieldInputs]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const body = await buildContactUpdateBody(z, bundle);
  return contactActionOutput(z, bundle, await updateContact(z, bundle, contactId, body));
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'update_contact',
  noun: 'Contact',
  display: {
    label: 'Update Contact',
    description: 'Updates the fields you fill in on an existing contact; empty fields are left as they are.',
  },
  operation: {
    inputFields,
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, customFieldOutputs],
  },
});
