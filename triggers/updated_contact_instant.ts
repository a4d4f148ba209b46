/**
 * Updated Contact, instant (docs/INSTANT_TRIGGERS.md §4): the relay keeps a digest of each contact field and
 * delivers a contact event when a field changed, naming the changed fields (docs/RELAY_CONTRACT.md §4–§5); with
 * Watch Fields it delivers only when a watched one changed, and the app checks that again. The app reads the
 * contact once and outputs it as the polling trigger does, plus the changed fields in `changedFields`.
 */
import { defineInputFields } from 'zapier-platform-core';
import { contactEventOutputFields, contactEventSample, contactSample } from '../lib/contacts/model';
import { hydrateContact } from '../lib/contacts/instant';
import { choiceOfPayloadKey, payloadKeyOf, watchedFields, watchFieldsFields } from '../lib/contacts/watch';
import type { Delivery } from '../lib/relay/delivery';
import { asFire, asSample, instantTrigger, SAMPLE_DELIVERY_ID } from '../lib/relay/hook';
import { perform as pollUpdatedContacts } from './updated_contact';

const inputFields = defineInputFields([
  watchFieldsFields(
    'Triggers within seconds each time a contact of the sub-account is updated, or with Watch Fields only when one of the watched fields changed (a value changed and changed back triggers twice).',
  ),
]);

/** The Watch Fields choices a delivery reports as changed (tags when tags were added or removed). */
const changedChoices = (delivery: Delivery): string[] => {
  const change = delivery.change;
  const tagsChanged = (change?.addedTags?.length ?? 0) > 0 || (change?.removedTags?.length ?? 0) > 0;
  const choices = (change?.changedFields ?? []).map(choiceOfPayloadKey);
  if (tagsChanged) choices.push('tags');
  return [...new Set(choices.filter((choice): choice is string => choice !== undefined))].sort();
};

export default instantTrigger({
  key: 'updated_contact_instant',
  relayTrigger: 'updated_contact',
  noun: 'Contact',
  display: {
    label: 'Updated Contact',
    description: 'Triggers when a contact is updated, or only when one of the chosen fields changes.',
  },
  inputFields,
  filters: (z, inputData) => {
    const watched = watchedFields(z, inputData.watchFields);
    return { watchFields: watched.length > 0 ? watched.map(payloadKeyOf).join(',') : undefined };
  },
  fromDelivery: async (z, bundle, delivery) => {
    const watched = watchedFields(z, bundle.inputData.watchFields);
    const changed = changedChoices(delivery);
    const reported = watched.length > 0 ? changed.filter((field) => watched.includes(field)) : changed;
    if (watched.length > 0 && reported.length === 0) return [];
    const { output } = await hydrateContact(z, bundle, delivery);
    return [{ ...asFire(output, 'contactId', delivery.id), changedFields: reported }];
  },
  performList: async (z, bundle) => {
    const watched = watchedFields(z, bundle.inputData.watchFields);
    return (await asSample(pollUpdatedContacts)(z, bundle)).map((item) => ({
      ...asFire(item, 'contactId'),
      changedFields: watched,
    }));
  },
  sample: {
    ...contactEventSample(contactSample.dateUpdated),
    id: SAMPLE_DELIVERY_ID,
    changedFields: ['email'],
  },
  outputFields: [
    contactEventOutputFields([{ key: 'changedFields', label: 'Changed Fields', type: 'string', list: true }]),
  ],
});
