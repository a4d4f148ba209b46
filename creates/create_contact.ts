import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import {
  buildContactCreateBody,
  contactActionOutput,
  createContactInputFields,
  customFieldInputs,
  customFieldOutputs,
} from '../lib/contactFields';
import { createContact } from '../lib/highlevel';
import { contactOutputFields, contactSample } from '../lib/outputs';

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
