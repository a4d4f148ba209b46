/**
 * Contact Tag Added (docs/TRIGGERS.md §7): a baseline of which contacts have the tag, kept per connection and tag
 * (lib/core/triggerState.ts). Each poll reads the contacts updated since the last check (adding or removing a tag
 * updates the contact), compares, and logs a "tag added" event for each contact that now has the tag and did not
 * the last time the trigger looked; every poll returns the log (4 hours), so each Zap fires each event once. The
 * event id is contact id + tag + the contact's update time, so a tag removed and added again fires again.
 */
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { contactEventOutputFields, contactEventSample } from '../lib/contacts/model';
import { addedAt, contactFilters, pollContactEvents, TAG_BASELINE_CONTACTS } from '../lib/contacts/poll';
import { timestampOf } from '../lib/core/dates';
import { requiredTag, tagFilterField } from '../lib/lookups/tags';

const inputFields = defineInputFields([
  {
    key: 'rule',
    type: 'copy',
    helpText:
      "Triggers once each time a contact gets the tag, also when it was removed and added again. Contacts that have the tag when you turn the Zap on don't trigger, and a tag added and removed between two checks can't be seen. The full rule: docs/TRIGGERS.md §7.",
  },
  { ...tagFilterField, helpText: "The tag to watch. Choose one of the sub-account's tags or type one." },
]);

export const perform = (async (z, bundle) => {
  const tag = requiredTag(z, bundle.inputData.tag);
  const hasTag = (tags: readonly string[] | null | undefined) =>
    (tags ?? []).some((item) => item.toLowerCase() === tag);
  return pollContactEvents(z, bundle, {
    trigger: 'contact_tag_added',
    inputs: { tag },
    filters: contactFilters({ tag }),
    baselineContacts: TAG_BASELINE_CONTACTS,
    // '1' has the tag; '0' seen without it. Where the baseline is complete, absence already means "no tag".
    valueOf: (contact, _output, complete) => (hasTag(contact.tags) ? '1' : complete ? undefined : '0'),
    fires: (previous, value, contact, state) =>
      value === '1' &&
      previous !== '1' &&
      (previous === '0' || state.complete || (addedAt(contact) ?? 0) >= state.createdAt),
    eventId: (contact) => `${contact.id}:${tag}:${timestampOf(contact.dateUpdated) ?? ''}`,
    extra: { tag },
  });
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
