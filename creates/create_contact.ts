import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildContactCreateBody, createContactInputFields } from '../lib/contacts/fields';
import { contactActionOutput, contactOutputFields, contactSample } from '../lib/contacts/model';
import { customFieldInputs, customFieldOutputs } from '../lib/lookups/customFields';
import { createContact } from '../lib/contacts/api';

const inputFields = defineInputFields([...createContactInputFields, customFieldInputs]);

export const perform = (async (z, bundle) => {
  const body = await buildContactCreateBody(z, bundle);
  return contactActionOutput(z, bundle, await createContact(z, bundle, body));
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_contact',
  noun: 'Contact',
  display: {
    label: 'Create Contact',
    description: 'Creates a new contact.',
  },
  operation: {
    inputFields,
    perform,
    sample: contactSample,
    outputFields: [...contactOutputFields, customFieldOutputs],
  },
});
