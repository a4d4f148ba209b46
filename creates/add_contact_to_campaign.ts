import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { addContactToCampaign } from '../lib/contacts/api';
import { contactIdField } from '../lib/contacts/fields';
import { confirmSucceeded } from '../lib/core/deletion';
import { requiredId } from '../lib/core/validation';
import { campaignIdField } from '../lib/lookups/campaigns';

const inputFields = defineInputFields([contactIdField, campaignIdField]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const campaignId = requiredId(z, bundle.inputData.campaignId, 'Campaign');
  const result = await addContactToCampaign(z, contactId, campaignId);
  confirmSucceeded(z, result, `added the contact "${contactId}" to the campaign "${campaignId}"`);
  // `id`: the contact (Zapier's check D010 wants an id in every action's output).
  return { id: contactId, contactId, campaignId, added: true };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'add_contact_to_campaign',
  noun: 'Campaign',
  display: {
    label: 'Add Contact to Campaign',
    description: 'Adds a contact to a campaign.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'ocQHyuzHvysMo5N5VsXc',
      contactId: 'ocQHyuzHvysMo5N5VsXc',
      campaignId: 'mIVALPYuTD7YjUHnFEx4',
      added: true,
    },
    outputFields: [
      { key: 'id', label: 'ID', type: 'string' },
      { key: 'contactId', label: 'Contact ID', type: 'string', primary: true },
      { key: 'campaignId', label: 'Campaign ID', type: 'string', primary: true },
      { key: 'added', label: 'Added', type: 'boolean' },
    ],
  },
});
