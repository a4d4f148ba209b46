/** Hidden dropdown of the sub-account's businesses, alphabetical (GET /businesses/?locationId=). */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { BUSINESS_DROPDOWN, listBusinesses } from '../lib/lookups/businesses';
import { alphabetical, wholeListPage } from '../lib/core/dropdowns';

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
  key: BUSINESS_DROPDOWN,
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
