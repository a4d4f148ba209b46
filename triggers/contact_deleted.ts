/**
 * Contact Deleted, instant only (docs/INSTANT_TRIGGERS.md §3): the relay delivers each ContactDelete of the
 * sub-account; the output is what the webhook carries, with no request (the contact is gone), custom fields
 * left out (naming them takes a read). Polling cannot see a deletion, so there is no polling twin.
 */
import { defineInputFields } from 'zapier-platform-core';
import { contactOutputFields, contactSample, normaliseContact } from '../lib/contacts/model';
import { contactOfPayload, recentHighLevelContacts } from '../lib/contacts/instant';
import { isoDateTime } from '../lib/core/dates';
import { withEventId } from '../lib/core/polling';
import { asFire, instantTrigger, ruleField, SAMPLE_DELIVERY_ID } from '../lib/relay/hook';

const inputFields = defineInputFields([
  ruleField(
    'Triggers within seconds each time a contact of the sub-account is deleted, with the fields HighLevel sends about it.',
  ),
]);

export default instantTrigger({
  key: 'contact_deleted',
  relayTrigger: 'contact_deleted',
  noun: 'Contact',
  display: { label: 'Contact Deleted', description: 'Triggers when a contact is deleted.' },
  inputFields,
  filters: () => ({}),
  fromDelivery: async (z, _bundle, delivery) => {
    const contact = normaliseContact(contactOfPayload(z, delivery.event));
    return [
      {
        ...asFire(contact, 'contactId', delivery.id),
        deletedAt: isoDateTime(delivery.timestamp ?? delivery.receivedAt),
      },
    ];
  },
  // The most recently updated contacts, shaped as deletions (custom fields left out, as in a real fire).
  performList: async (z, bundle) =>
    (await recentHighLevelContacts(z, bundle)).map((contact) => {
      const output = normaliseContact(contact);
      return { ...asFire(output, 'contactId'), deletedAt: output.dateUpdated };
    }),
  sample: {
    ...contactSample,
    id: SAMPLE_DELIVERY_ID,
    contactId: contactSample.id,
    deletedAt: '2026-11-22T08:15:00.000+00:00',
  },
  outputFields: withEventId(contactOutputFields, { key: 'contactId', label: 'Contact ID' }, [
    { key: 'deletedAt', label: 'Deleted At', type: 'datetime' },
  ]),
});
