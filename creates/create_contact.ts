import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildContactCreateBody, createContactInputFields } from '../lib/contacts/fields';
import { contactActionOutput, contactActionOutputFields, contactActionSample } from '../lib/contacts/model';
import { customFieldInputs, customFieldOutputs } from '../lib/lookups/customFields';
import { createContact } from '../lib/contacts/api';

const inputFields = defineInputFields([...createContactInputFields, customFieldInputs]);

export const perform = (async (z, bundle) => {
  const warnings: string[] = [];
  const body = await buildContactCreateBody(z, bundle, warnings);
  return contactActionOutput(z, bundle, await createContact(z, bundle, body), warnings);
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
    sample: contactActionSample,
    outputFields: [...contactActionOutputFields, customFieldOutputs],
  },
});
