/** The sub-account's campaigns (campaigns.json): schema, GET /campaigns/, and the campaign dropdown field. */
import { defineInputField, type ZObject } from 'zapier-platform-core';
import { locationIdOf, send, type AuthBundle } from '../core/request';
import { lazySchema } from '../core/schema';

/** Key of the hidden dropdown trigger (triggers/campaign_list.ts). */
export const CAMPAIGN_DROPDOWN = 'campaign_list';

export const campaignSchema = lazySchema((zod) =>
  zod.looseObject({
    id: zod.string().min(1),
    name: zod.string().nullish(),
    status: zod.string().nullish(),
  }),
);

const campaignsEnvelope = lazySchema((zod) => zod.object({ campaigns: zod.array(campaignSchema()) }));

export const listCampaigns = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: '/campaigns/',
      query: { locationId: locationIdOf(z, bundle) },
      schema: campaignsEnvelope(),
      scope: 'campaigns.readonly',
    })
  ).campaigns;

export const campaignIdField = defineInputField({
  key: 'campaignId',
  label: 'Campaign',
  type: 'string',
  required: true,
  dynamic: `${CAMPAIGN_DROPDOWN}.id.label`,
  helpText: 'A campaign of the sub-account. Draft campaigns are marked "(draft)".',
});
