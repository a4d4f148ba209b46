/**
 * Hidden dropdown of the sub-account's tags (GET /locations/:id/tags). The id is the tag's NAME: contacts'
 * tags are written and filtered by name (HIGHLEVEL.md §6, §7), never by tag id.
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { TAG_DROPDOWN, listLocationTags } from '../lib/lookups/tags';
import { alphabetical, wholeListPage } from '../lib/core/dropdowns';
import { uniqueBy } from '../lib/core/polling';

export const perform = (async (z, bundle) =>
  wholeListPage(bundle, async () => {
    const names = (await listLocationTags(z, bundle)).map((tag) => tag.name.trim()).filter(Boolean);
    return alphabetical(uniqueBy(names, (name) => name).map((name) => ({ id: name, label: name })));
  })) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: TAG_DROPDOWN,
  noun: 'Tag',
  display: {
    label: 'List of Tags',
    description: 'Triggers when a tag is listed, to fill tag dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
  },
});
