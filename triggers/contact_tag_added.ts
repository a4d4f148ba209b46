/**
 * Contact Tag Added: contacts having the tag (search filter `tags eq <tag>`), sorted by `dateUpdated` desc
 * (adding a tag updates the contact). The dedupe id is contact id + tag, so each contact fires once per tag;
 * the real contact id is in `contactId`.
 */
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import {
  contactEventOutputFields,
  contactEventSample,
  normaliseContactsWithCustomFields,
} from '../lib/contacts/model';
import { contactFilters, pollContacts } from '../lib/contacts/poll';
import { requiredTag, tagFilterField } from '../lib/lookups/tags';

const inputFields = defineInputFields([
  { ...tagFilterField, helpText: "The tag to watch. Choose one of the sub-account's tags or type one." },
]);

export const perform = (async (z, bundle) => {
  const tag = requiredTag(z, bundle.inputData.tag);
  const contacts = await pollContacts(z, bundle, {
    sortField: 'dateUpdated',
    filters: contactFilters({ tag }),
  });
  return (await normaliseContactsWithCustomFields(z, bundle, contacts)).map((contact) => ({
    ...contact,
    id: `${contact.id}:${tag}`,
    contactId: contact.id,
    tag,
  }));
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'contact_tag_added',
  noun: 'Contact',
  display: {
    label: 'Contact Tag Added',
    description: 'Triggers when a tag is added to a contact.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: contactEventSample('vip', { tag: 'vip' }),
    outputFields: [contactEventOutputFields([{ key: 'tag', label: 'Tag Added', type: 'string' }])],
  },
});
