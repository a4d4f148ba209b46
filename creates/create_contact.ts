import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildContactCreateBody } from '../lib/contacts/bodies';
import { namingFields } from '../lib/contacts/fieldErrors';
import { contactInputFieldGroups, createContactInputFields } from '../lib/contacts/fields';
import { contactActionOutput, contactActionOutputFields, contactActionSample } from '../lib/contacts/model';
import { customFieldInputs, customFieldOutputs } from '../lib/lookups/customFields';
import { createContact } from '../lib/contacts/api';

const inputFields = defineInputFields([...createContactInputFields, customFieldInputs]);

export const perform = (async (z, bundle) => {
  const warnings: string[] = [];
  const body = await buildContactCreateBody(z, bundle, warnings);
  const contact = await namingFields(z, bundle, body, () => createContact(z, bundle, body));
  return contactActionOutput(z, bundle, contact, warnings);
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
    inputFieldGroups: contactInputFieldGroups,
    perform,
    sample: contactActionSample,
    outputFields: [...contactActionOutputFields, customFieldOutputs],
  },
});
