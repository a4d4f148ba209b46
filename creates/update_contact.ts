import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildContactUpdateBody } from '../lib/contacts/bodies';
import { checkKeepsIdentifier } from '../lib/contacts/clearing';
import { namingFields } from '../lib/contacts/fieldErrors';
import { contactIdField, contactInputFieldGroups, updateContactInputFields } from '../lib/contacts/fields';
import { contactActionOutput, contactActionOutputFields, contactActionSample } from '../lib/contacts/model';
import { customFieldInputs, customFieldOutputs } from '../lib/lookups/customFields';
import { updateContact } from '../lib/contacts/api';
import { requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([contactIdField, ...updateContactInputFields, customFieldInputs]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const warnings: string[] = [];
  const body = await buildContactUpdateBody(z, bundle, warnings);
  await checkKeepsIdentifier(z, contactId, body);
  const contact = await namingFields(z, bundle, body, () => updateContact(z, contactId, body));
  return contactActionOutput(z, bundle, contact, warnings);
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
    inputFieldGroups: contactInputFieldGroups,
    perform,
    sample: contactActionSample,
    outputFields: [...contactActionOutputFields, customFieldOutputs],
  },
});
