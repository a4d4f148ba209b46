/**
 * Contact Tag Added, instant (docs/INSTANT_TRIGGERS.md §3): the relay compares each contact event's tag list with
 * the one it last saw and delivers once per tag added (docs/RELAY_CONTRACT.md §4–§5); the app reads the contact
 * once and outputs it as the polling trigger does, with the tag in `tag`.
 */
import { defineInputFields } from 'zapier-platform-core';
import { contactEventOutputFields, contactEventSample } from '../lib/contacts/model';
import { recentContacts, tagFires } from '../lib/contacts/instant';
import { optionalTag, tagFilterField } from '../lib/lookups/tags';
import { asFire, asSample, instantTrigger, ruleField, SAMPLE_DELIVERY_ID } from '../lib/relay/hook';
import { perform as pollTagAdded } from './contact_tag_added';

const inputFields = defineInputFields([
  ruleField(
    'Triggers within seconds each time a tag is added to a contact of the sub-account (only the chosen tag, if any); a tag removed and added again triggers again.',
  ),
  {
    ...tagFilterField,
    required: false,
    helpText:
      "The tag to watch. Choose one of the sub-account's tags or type one. Leave empty for every tag.",
  },
]);

export default instantTrigger({
  key: 'contact_tag_added_instant',
  relayTrigger: 'contact_tag_added',
  noun: 'Contact',
  display: { label: 'Contact Tag Added', description: 'Triggers when a tag is added to a contact.' },
  inputFields,
  filters: (z, inputData) => ({ tag: optionalTag(z, inputData.tag) }),
  fromDelivery: (z, bundle, delivery, { tag }) => tagFires(z, bundle, delivery, tag),
  performList: async (z, bundle) => {
    const tag = optionalTag(z, bundle.inputData.tag);
    if (tag !== undefined) return asSample(pollTagAdded)(z, bundle);
    return (await recentContacts(z, bundle)).map((contact) => ({
      ...asFire(contact, 'contactId'),
      tag: contact.tags[0] ?? '',
    }));
  },
  sample: { ...contactEventSample('', { tag: 'vip' }), id: SAMPLE_DELIVERY_ID },
  outputFields: [contactEventOutputFields([{ key: 'tag', label: 'Tag Added', type: 'string' }])],
});
