/**
 * Updated Contact's "Watch Fields" (docs/TRIGGERS.md §8), shared by the polling trigger and the instant one
 * (docs/INSTANT_TRIGGERS.md §4): the choices (standard output fields and custom fields by id), their validation,
 * the watched value of a contact, and the webhook payload key of each choice (what the relay reports in
 * `change.changedFields`, docs/RELAY_CONTRACT.md §4).
 */
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { userError } from '../core/errors';
import { textList } from '../core/validation';
import { getCustomFieldDefinitions } from '../lookups/customFields';
import { contactOutputFields, type Contact, type HighLevelContact } from './model';

/** Contact fields worth watching: everything but ids, timestamps and the link. */
export const STANDARD_FIELDS = contactOutputFields.filter(
  (field) => !['id', 'dateAdded', 'dateUpdated', 'locationId', 'url'].includes(field.key),
);
const STANDARD_KEYS = new Set<string>(STANDARD_FIELDS.map((field) => field.key));
/** Custom fields are watched by id (`customField.<id>`): ids never change, names and keys can. */
const CUSTOM_FIELD_CHOICE = /^customField\.([A-Za-z0-9_-]{1,100})$/;

/** The Watch Fields input and the trigger's rule (a copy field), the sub-account's custom fields included. */
export const watchFieldsFields =
  (ruleHelp: string) =>
  async (z: ZObject, bundle: Bundle): Promise<PlainInputField[]> => {
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
      { key: 'rule', type: 'copy', helpText: ruleHelp },
    ];
  };

/** The chosen fields, sorted; anything that is not a choice is refused with a plain message. */
export const watchedFields = (z: ZObject, value: unknown): string[] => {
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

/** A watched field's value, comparable across reads (lists sorted, empty = null). */
export const watchedValue = (field: string, contact: HighLevelContact, output: Contact): unknown => {
  const customId = CUSTOM_FIELD_CHOICE.exec(field)?.[1];
  if (customId === undefined) return comparable(output[field as keyof Contact]);
  return comparable(contact.customFields?.find((custom) => custom.id === customId)?.value);
};

/** Output keys whose webhook payload key differs (the payload says `name`, the output `fullName`). */
const PAYLOAD_KEYS: Record<string, string> = { fullName: 'name' };
const CHOICES_BY_PAYLOAD_KEY = Object.fromEntries(
  Object.entries(PAYLOAD_KEYS).map(([choice, payloadKey]) => [payloadKey, choice]),
);

/** A Watch Fields choice → the key the relay reports in `changedFields` (`customField.x` → `customFields.x`). */
export const payloadKeyOf = (field: string): string => {
  const customId = CUSTOM_FIELD_CHOICE.exec(field)?.[1];
  return customId === undefined ? (PAYLOAD_KEYS[field] ?? field) : `customFields.${customId}`;
};

/** A key of `changedFields` → the Watch Fields choice it stands for; undefined for a key nobody can watch. */
export const choiceOfPayloadKey = (key: string): string | undefined => {
  const custom = /^customFields\.([A-Za-z0-9_-]{1,100})$/.exec(key)?.[1];
  if (custom !== undefined) return `customField.${custom}`;
  const choice = CHOICES_BY_PAYLOAD_KEY[key] ?? key;
  return STANDARD_KEYS.has(choice) ? choice : undefined;
};
