/**
 * Updated Contact: POST /contacts/search sorted by `dateUpdated` desc. The dedupe id encodes what changed
 * (ZAPIER.md "Triggers"): with Watch Fields, contact id + a stable hash of those fields' values, so it fires
 * only when one of them changed; without, contact id + `dateUpdated`, so every update fires. The real contact
 * id is in `contactId`. A new contact counts as a change too (its first version has not been seen).
 */
import {
  defineInputFields,
  defineTrigger,
  type Bundle,
  type PlainInputField,
  type PollingTriggerPerform,
  type ZObject,
} from 'zapier-platform-core';
import { getCustomFieldDefinitions } from '../lib/lookups/customFields';
import { userError } from '../lib/core/errors';
import type { Contact, HighLevelContact } from '../lib/contacts/model';
import {
  contactEventOutputFields,
  contactEventSample,
  contactOutputFields,
  contactSample,
  normaliseContactsWithCustomFields,
} from '../lib/contacts/model';
import { pollContacts } from '../lib/contacts/poll';
import { stableHash } from '../lib/core/polling';
import { textList } from '../lib/core/validation';

/** Contact fields worth watching: everything but ids, timestamps and the link. */
const STANDARD_FIELDS = contactOutputFields.filter(
  (field) => !['id', 'dateAdded', 'dateUpdated', 'locationId', 'url'].includes(field.key),
);
const STANDARD_KEYS = new Set<string>(STANDARD_FIELDS.map((field) => field.key));
/** Custom fields are watched by id (`customField.<id>`): ids never change, names and keys can. */
const CUSTOM_FIELD_CHOICE = /^customField\.([A-Za-z0-9_-]{1,100})$/;

const watchFieldsField = async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> => {
  const definitions = await getCustomFieldDefinitions(z, bundle);
  return [
    {
      key: 'watchFields',
      label: 'Watch Fields',
      type: 'string',
      list: true,
      required: false,
      choices: [
        ...STANDARD_FIELDS.map((field) => ({ value: field.key, label: field.label, sample: field.key })),
        ...definitions.map((definition) => ({
          value: `customField.${definition.id}`,
          label: `Custom: ${definition.name}`,
          sample: `customField.${definition.id}`,
        })),
      ],
      helpText:
        'Trigger only when one of these fields changes. Leave empty to trigger on every update of a contact.',
    },
  ];
};

const inputFields = defineInputFields([watchFieldsField]);

const watchedFields = (z: ZObject, value: unknown): string[] => {
  const fields = textList(value);
  for (const field of fields) {
    if (!STANDARD_KEYS.has(field) && !CUSTOM_FIELD_CHOICE.test(field)) {
      throw userError(
        z,
        `Watch Fields: "${field.slice(0, 60)}" is not a contact field. Choose the fields from the list.`,
        'invalid_input',
      );
    }
  }
  return [...fields].sort();
};

const comparable = (value: unknown): unknown => {
  if (value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.map(String).sort();
  return value;
};

const watchedValue = (field: string, contact: HighLevelContact, output: Contact): unknown => {
  const customId = CUSTOM_FIELD_CHOICE.exec(field)?.[1];
  if (customId === undefined) return comparable(output[field as keyof Contact]);
  return comparable(contact.customFields?.find((custom) => custom.id === customId)?.value);
};

const changeId = (contact: HighLevelContact, output: Contact, watched: string[]): string => {
  if (watched.length === 0) {
    const version = output.dateUpdated ?? output.dateAdded;
    return version ? `${contact.id}:${version}` : contact.id;
  }
  const values = Object.fromEntries(watched.map((field) => [field, watchedValue(field, contact, output)]));
  return `${contact.id}:${stableHash(values)}`;
};

export const perform = (async (z, bundle) => {
  const watched = watchedFields(z, bundle.inputData.watchFields);
  const contacts = await pollContacts(z, bundle, { sortField: 'dateUpdated' });
  const outputs = await normaliseContactsWithCustomFields(z, bundle, contacts);
  return outputs.map((output, index) => ({
    ...output,
    id: changeId(contacts[index], output, watched),
    contactId: output.id,
  }));
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'updated_contact',
  noun: 'Contact',
  display: {
    label: 'Updated Contact',
    description: 'Triggers when a contact is updated, or only when one of the chosen fields changes.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: contactEventSample(contactSample.dateUpdated),
    outputFields: [contactEventOutputFields()],
  },
});
