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
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import {
  contactEventOutputFields,
  contactEventSample,
  contactSample,
  normaliseContact,
  normaliseContactsWithCustomFields,
  type Contact,
  type HighLevelContact,
} from '../lib/contacts/model';
import { pollContactEvents, pollContactWindow } from '../lib/contacts/poll';
import { compareValues, rememberValues } from '../lib/contacts/watched';
import { timestampOf } from '../lib/core/dates';
import { watchedFields, watchedLabels, watchedValue, watchFieldsFields } from '../lib/contacts/watch';

const inputFields = defineInputFields([
  watchFieldsFields(
    "Without Watch Fields: triggers once for each update the trigger sees (several between two checks trigger once). With Watch Fields: triggers when a watched field differs from what the trigger last saw, and says which fields changed. At turn-on it notes the 1,000 most recently updated contacts; another contact's first change is only noted. A bulk update is spread over checks, about 3,000 an hour.",
  ),
]);

/** Every update's event id: the contact id and the version (its dateUpdated). */
const versionId = (output: Contact): string => {
  const version = output.dateUpdated ?? output.dateAdded;
  return version ? `${output.id}:${version}` : output.id;
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
        { key: 'changedFields', label: 'Changed Fields', type: 'string', list: true },
      ]),
    ],
  },
});
