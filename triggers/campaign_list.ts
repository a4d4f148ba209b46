/** Hidden dropdown of the sub-account's campaigns, alphabetical (GET /campaigns/?locationId=). */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { alphabetical, statusLabel, wholeListPage } from '../lib/core/dropdowns';
import { CAMPAIGN_DROPDOWN, listCampaigns } from '../lib/lookups/campaigns';

export const perform = (async (z, bundle) =>
  wholeListPage(bundle, async () =>
    alphabetical(
      (await listCampaigns(z, bundle)).map((campaign) => ({
        id: campaign.id,
        label: statusLabel(campaign.name, campaign.status, campaign.id),
      })),
    ),
  )) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: CAMPAIGN_DROPDOWN,
  noun: 'Campaign',
  display: {
    label: 'List of Campaigns',
    description: 'Triggers when a campaign is listed, to fill campaign dropdowns.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
  },
});
