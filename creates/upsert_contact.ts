import {
  defineCreate,
  defineInputFields,
  type CreatePerform,
  type PlainInputField,
} from 'zapier-platform-core';
import { buildContactUpsertBody, upsertContactInputFields } from '../lib/contacts/fields';
import { contactActionOutput, contactActionOutputFields, contactActionSample } from '../lib/contacts/model';
import { upsertContactKeepingTags, upsertReplaceTagsField, upsertTagsField } from '../lib/contacts/upsert';
import { customFieldInputs, customFieldOutputs } from '../lib/lookups/customFields';

/** The shared create inputs, with tags that are added unless Replace All Tags is Yes (docs/ACTIONS.md §11). */
const inputFields = defineInputFields([
  ...upsertContactInputFields.flatMap((field): PlainInputField[] =>
    field.key === 'tags' ? [upsertReplaceTagsField, upsertTagsField] : [field],
  ),
  customFieldInputs,
]);

export const perform = (async (z, bundle) => {
  const warnings: string[] = [];
  const body = await buildContactUpsertBody(z, bundle, warnings);
  const { isNew, contact } = await upsertContactKeepingTags(z, bundle, body);
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
    perform,
    sample: { ...contactActionSample, isNew: true },
    outputFields: [
      { key: 'isNew', label: 'Was New Contact', type: 'boolean' },
      ...contactActionOutputFields,
      customFieldOutputs,
    ],
  },
});
