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
  normaliseContactsWithCustomFields,
} from '../lib/contacts/model';
import { pollContactEvents, pollContactWindow, valuesDigest } from '../lib/contacts/poll';
import { timestampOf } from '../lib/core/dates';
import { watchedFields, watchedValue, watchFieldsFields } from '../lib/contacts/watch';

const inputFields = defineInputFields([
  watchFieldsFields(
    'Without Watch Fields: triggers once for each update of a contact that the trigger sees (several updates between two checks, 1–15 minutes apart, trigger once). With Watch Fields: triggers when a watched field differs from what the trigger last saw for that contact (a value changed and changed back triggers twice if a check falls in between). When you turn the Zap on, the trigger notes the watched values of the 1,000 most recently updated contacts (all of them in a smaller account). A contact it has not noted yet is noted at its first change after you turn the Zap on: that change does not trigger; every later change does.',
  ),
]);

export const perform = (async (z, bundle) => {
  const watched = watchedFields(z, bundle.inputData.watchFields);
  if (watched.length === 0) {
    const contacts = await pollContactWindow(z, bundle, { field: 'dateUpdated' });
    const outputs = await normaliseContactsWithCustomFields(z, bundle, contacts);
    return outputs.map((output) => {
      const version = output.dateUpdated ?? output.dateAdded;
      return { ...output, id: version ? `${output.id}:${version}` : output.id, contactId: output.id };
    });
  }
  return pollContactEvents(z, bundle, {
    trigger: 'updated_contact',
    inputs: { watchFields: watched },
    filters: [],
    valueOf: (contact, output) =>
      valuesDigest(Object.fromEntries(watched.map((field) => [field, watchedValue(field, contact, output)]))),
    // A contact never seen has nothing to compare with: it is remembered, and fires from its next change.
    fires: (previous, value) => previous !== undefined && previous !== value,
    eventId: (contact) => `${contact.id}:${timestampOf(contact.dateUpdated) ?? ''}`,
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
    sample: contactEventSample(contactSample.dateUpdated),
    outputFields: [contactEventOutputFields()],
  },
});
