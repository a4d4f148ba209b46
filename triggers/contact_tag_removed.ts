/**
 * Tag Removed from Contact, instant only (docs/INSTANT_TRIGGERS.md §3): the relay compares each contact event's
 * tag list with the one it last saw and delivers once per tag removed (docs/RELAY_CONTRACT.md §4–§5); the app
 * reads the contact once and outputs it as the contact triggers do, with the tag in `tag`. Polling cannot see
 * a removal, so there is no polling twin.
 */
import { defineInputFields } from 'zapier-platform-core';
import { contactEventOutputFields, contactEventSample } from '../lib/contacts/model';
import { recentContacts, tagFires } from '../lib/contacts/instant';
import { optionalTag, tagFilterField } from '../lib/lookups/tags';
import { asFire, instantTrigger, ruleField, SAMPLE_DELIVERY_ID } from '../lib/relay/hook';

const inputFields = defineInputFields([
  ruleField(
    'Triggers within seconds each time a tag is removed from a contact of the sub-account (only the chosen tag, if any). A contact seen for the first time by the service cannot report a removal.',
  ),
  {
    ...tagFilterField,
    required: false,
    helpText:
      "The tag to watch. Choose one of the sub-account's tags or type one. Leave empty for every tag.",
  },
]);

export default instantTrigger({
  key: 'contact_tag_removed',
  relayTrigger: 'contact_tag_removed',
  noun: 'Contact',
  display: {
    label: 'Tag Removed from Contact',
    description: 'Triggers when a tag is removed from a contact.',
  },
  inputFields,
  filters: (z, inputData) => ({ tag: optionalTag(z, inputData.tag) }),
  fromDelivery: (z, bundle, delivery, { tag }) => tagFires(z, bundle, delivery, tag),
  // The most recently updated contacts, shown as removals of the chosen tag (or of their first tag).
  performList: async (z, bundle) => {
    const tag = optionalTag(z, bundle.inputData.tag);
    return (await recentContacts(z, bundle)).map((contact) => ({
      ...asFire(contact, 'contactId'),
      tag: tag ?? contact.tags[0] ?? '',
    }));
  },
  sample: { ...contactEventSample('', { tag: 'vip' }), id: SAMPLE_DELIVERY_ID },
  outputFields: [contactEventOutputFields([{ key: 'tag', label: 'Tag Removed', type: 'string' }])],
});
