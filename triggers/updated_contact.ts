/**
 * Updated Contact (docs/TRIGGERS.md §8).
 * - Without Watch Fields: every contact updated in the last 3 hours (a `dateUpdated` window, like New Contact);
 *   the event id is contact id + `dateUpdated`, so each update the trigger sees fires once.
 * - With Watch Fields: a baseline of each contact's watched values, kept per connection and fields
 *   (lib/core/triggerState.ts); each poll reads the contacts updated since the last check and logs an event when a
 *   watched value differs from what the trigger last saw (so A→B→A fires twice). A contact it has never seen is
 *   remembered at its first change, which does not fire.
 * The real contact id is in `contactId`.
 */
import {
  defineInputFields,
  defineTrigger,
  type Bundle,
  type PlainInputField,
  type PollingTriggerPerform,
  type ZObject,
} from 'zapier-platform-core';
import {
  contactEventOutputFields,
  contactEventSample,
  contactOutputFields,
  contactSample,
  normaliseContact,
  normaliseContactsWithCustomFields,
  type Contact,
  type HighLevelContact,
} from '../lib/contacts/model';
import { pollContactEvents, pollContactWindow } from '../lib/contacts/poll';
import { compareValues, rememberValues } from '../lib/contacts/watched';
import { timestampOf } from '../lib/core/dates';
import { userError } from '../lib/core/errors';
import { textList } from '../lib/core/validation';
import { getCustomFieldDefinitions } from '../lib/lookups/customFields';

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
    {
      key: 'rule',
      type: 'copy',
      helpText:
        "Without Watch Fields: triggers once for each update the trigger sees (several between two checks trigger once). With Watch Fields: triggers when a watched field differs from what the trigger last saw, and says which fields changed. At turn-on it notes the 1,000 most recently updated contacts; another contact's first change is only noted. A bulk update is spread over checks, about 3,000 an hour.",
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

/** Every update's event id: the contact id and the version (its dateUpdated). */
const versionId = (output: Contact): string => {
  const version = output.dateUpdated ?? output.dateAdded;
  return version ? `${output.id}:${version}` : output.id;
};

/** Each watched field's label as the Watch Fields choice shows it ("City", "Custom: Industry"). */
const watchedLabels = async (z: ZObject, bundle: Bundle, watched: string[]): Promise<Map<string, string>> => {
  const standard = new Map<string, string>(STANDARD_FIELDS.map((field) => [field.key, field.label]));
  const custom = watched.some((field) => CUSTOM_FIELD_CHOICE.test(field))
    ? await getCustomFieldDefinitions(z, bundle)
    : [];
  return new Map(
    watched.map((field) => {
      const id = CUSTOM_FIELD_CHOICE.exec(field)?.[1];
      const definition = custom.find((candidate) => candidate.id === id);
      return [field, id === undefined ? (standard.get(field) ?? field) : `Custom: ${definition?.name ?? id}`];
    }),
  );
};

/** A key of `previousValues`: the field's output key (`customField.<id>` becomes `customField__<id>`). */
const outputKeyOf = (field: string): string => field.replace('.', '__');

export const perform = (async (z, bundle) => {
  const watched = watchedFields(z, bundle.inputData.watchFields);
  if (watched.length === 0) {
    const { contacts, seenOnly } = await pollContactWindow(z, bundle, { field: 'dateUpdated' });
    const outputs = await normaliseContactsWithCustomFields(z, bundle, contacts);
    return [
      ...outputs.map((output) => ({ ...output, id: versionId(output), contactId: output.id })),
      // The dedupe-populating check's other updates, by event id alone (docs/TRIGGERS.md §10).
      ...seenOnly.map((contact) => {
        const output = normaliseContact(contact);
        return { id: versionId(output), contactId: output.id };
      }),
    ];
  }
  const valuesOf = (contact: HighLevelContact, output: Contact) =>
    watched.map((field): [string, unknown] => [field, watchedValue(field, contact, output)]);
  const labels = await watchedLabels(z, bundle, watched);
  return pollContactEvents(z, bundle, {
    trigger: 'updated_contact',
    inputs: { watchFields: watched },
    filters: [],
    valueOf: (contact, output) => rememberValues(valuesOf(contact, output)),
    // A contact never seen has nothing to compare with: it is remembered, and fires from its next change.
    fires: (previous, _value, contact, _state, output) =>
      previous !== undefined && compareValues(previous, valuesOf(contact, output)).changed,
    eventId: (contact) => `${contact.id}:${timestampOf(contact.dateUpdated) ?? ''}`,
    extra: { changedFields: [], previousValues: {} },
    // Which watched fields changed and, when the baseline remembered them, their previous values (§10).
    details: (previous, contact, output) => {
      const change = compareValues(previous ?? '', valuesOf(contact, output));
      return {
        changedFields: change.fields.map((field) => labels.get(field) ?? field),
        previousValues: Object.fromEntries(
          Object.entries(change.previous).map(([field, value]) => [outputKeyOf(field), value]),
        ),
      };
    },
  });
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
    // changedFields / previousValues: with Watch Fields only (docs/TRIGGERS.md §10).
    sample: contactEventSample(contactSample.dateUpdated, {
      changedFields: ['City'],
      previousValues: { city: 'Brooklyn' },
    }),
    outputFields: [
      contactEventOutputFields([
        { key: 'changedFields', label: 'Changed Watch Fields', type: 'string', list: true },
      ]),
    ],
  },
});
