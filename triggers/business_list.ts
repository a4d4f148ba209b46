/** Hidden dropdown of the sub-account's businesses, alphabetical (GET /businesses/?locationId=). */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listBusinesses } from '../lib/highlevel';
import { alphabetical, wholeListPage } from '../lib/polling';

export const perform = (async (z, bundle) =>
  wholeListPage(bundle, async () =>
    alphabetical(
      (await listBusinesses(z, bundle)).map((business) => ({
        id: business.id,
        label: business.name?.trim() || business.id,
      })),
    ),
  )) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'business_list',
  noun: 'Business',
  display: {
    label: 'List of Businesses',
    description: 'Triggers when a business is listed, to fill business dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
  },
});
