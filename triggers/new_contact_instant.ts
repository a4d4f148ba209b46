/**
 * New Contact, instant (docs/INSTANT_TRIGGERS.md §3): the relay delivers each ContactCreate of the sub-account
 * (filtered by tag and assigned user on the payload, docs/RELAY_CONTRACT.md §5); the app reads the contact once
 * and outputs it as the polling New Contact does, `id` being the fire's id and the contact's in `contactId`.
 */
import { defineInputFields } from 'zapier-platform-core';
import { contactEventOutputFields, contactSample } from '../lib/contacts/model';
import { hydrateContact } from '../lib/contacts/instant';
import { optionalId } from '../lib/core/validation';
import { assignedUserField } from '../lib/lookups/users';
import { optionalTag, tagFilterField } from '../lib/lookups/tags';
import { sameText } from '../lib/relay/delivery';
import { asFire, asSample, instantTrigger, ruleField, SAMPLE_DELIVERY_ID } from '../lib/relay/hook';
import { perform as pollNewContacts } from './new_contact';

const inputFields = defineInputFields([
  ruleField(
    'Triggers within seconds each time a contact is created in the sub-account (with the tag and assigned user, if chosen).',
  ),
  {
    ...tagFilterField,
    required: false,
    helpText: 'Only new contacts created with this tag. Leave empty for every new contact.',
  },
  {
    ...assignedUserField,
    helpText: 'Only new contacts assigned to this user when created. Leave empty for every new contact.',
  },
]);

export default instantTrigger({
  key: 'new_contact_instant',
  relayTrigger: 'new_contact',
  noun: 'Contact',
  display: { label: 'New Contact', description: 'Triggers when a new contact is created.' },
  inputFields,
  filters: (z, inputData) => ({
    tag: optionalTag(z, inputData.tag),
    assignedTo: optionalId(z, inputData.assignedTo, 'Assigned User'),
  }),
  fromDelivery: async (z, bundle, delivery, { tag, assignedTo }) => {
    const { output } = await hydrateContact(z, bundle, delivery);
    // The relay filtered on the payload; the contact as read now must match too.
    if (tag !== undefined && !output.tags.some((item) => sameText(item, tag))) return [];
    if (assignedTo !== undefined && output.assignedTo !== assignedTo) return [];
    return [asFire(output, 'contactId', delivery.id)];
  },
  performList: async (z, bundle) =>
    (await asSample(pollNewContacts)(z, bundle)).map((contact) => asFire(contact, 'contactId')),
  sample: { ...contactSample, id: SAMPLE_DELIVERY_ID, contactId: contactSample.id },
  outputFields: [contactEventOutputFields()],
});
