import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildContactUpsertBody } from '../lib/contacts/bodies';
import { namingFields } from '../lib/contacts/fieldErrors';
import { contactInputFieldGroups, upsertContactInputFields } from '../lib/contacts/fields';
import { contactActionOutput, contactActionOutputFields, contactActionSample } from '../lib/contacts/model';
import { upsertContactKeepingTags } from '../lib/contacts/upsert';
import { customFieldInputs, customFieldOutputs } from '../lib/lookups/customFields';

const inputFields = defineInputFields([...upsertContactInputFields, customFieldInputs]);

export const perform = (async (z, bundle) => {
  const warnings: string[] = [];
  const body = await buildContactUpsertBody(z, bundle, warnings);
  const { isNew, contact } = await namingFields(z, bundle, body, () =>
    upsertContactKeepingTags(z, bundle, body),
  );
  // HIGHLEVEL.md §11 (#37): when email and phone match different contacts HighLevel updates one of them
  // and drops the other value; `isNew` and the id show which contact was written.
  return { ...(await contactActionOutput(z, bundle, contact, warnings)), isNew };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'upsert_contact',
  noun: 'Contact',
  display: {
    label: 'Create or Update Contact',
    description:
      "Updates the contact with the given email or phone (following the sub-account's duplicate rules), or creates a new one.",
  },
  operation: {
    inputFields,
    inputFieldGroups: contactInputFieldGroups,
    perform,
    sample: { ...contactActionSample, isNew: true },
    outputFields: [
      { key: 'isNew', label: 'Was New Contact', type: 'boolean' },
      ...contactActionOutputFields,
      customFieldOutputs,
    ],
  },
});
