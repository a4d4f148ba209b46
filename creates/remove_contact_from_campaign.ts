import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { removeContactFromCampaign } from '../lib/contacts/api';
import { contactIdField } from '../lib/contacts/fields';
import { confirmSucceeded } from '../lib/core/deletion';
import { requiredId } from '../lib/core/validation';
import { campaignIdField } from '../lib/lookups/campaigns';

const inputFields = defineInputFields([contactIdField, campaignIdField]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const campaignId = requiredId(z, bundle.inputData.campaignId, 'Campaign');
  const result = await removeContactFromCampaign(z, contactId, campaignId);
  confirmSucceeded(z, result, `removed the contact "${contactId}" from the campaign "${campaignId}"`);
  // `id`: the contact (Zapier's check D010 wants an id in every action's output).
  return { id: contactId, contactId, campaignId, removed: true };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'remove_contact_from_campaign',
  noun: 'Campaign',
  display: {
    label: 'Remove Contact from Campaign',
    description: 'Removes a contact from a campaign.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'ocQHyuzHvysMo5N5VsXc',
      contactId: 'ocQHyuzHvysMo5N5VsXc',
      campaignId: 'mIVALPYuTD7YjUHnFEx4',
      removed: true,
    },
    outputFields: [
      { key: 'id', label: 'ID', type: 'string' },
      { key: 'contactId', label: 'Contact ID', type: 'string', primary: true },
      { key: 'campaignId', label: 'Campaign ID', type: 'string', primary: true },
      { key: 'removed', label: 'Removed', type: 'boolean' },
    ],
  },
});
