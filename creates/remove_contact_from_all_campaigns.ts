import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { removeContactFromAllCampaigns } from '../lib/contacts/api';
import { contactIdField } from '../lib/contacts/fields';
import { confirmSucceeded } from '../lib/core/deletion';
import { requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([contactIdField]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const result = await removeContactFromAllCampaigns(z, contactId);
  confirmSucceeded(z, result, `removed the contact "${contactId}" from every campaign`);
  // `id`: the contact (Zapier's check D010 wants an id in every action's output).
  return { id: contactId, contactId, removedFromAllCampaigns: true };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'remove_contact_from_all_campaigns',
  noun: 'Campaign',
  display: {
    label: 'Remove Contact from All Campaigns',
    description: 'Removes a contact from every campaign it is in.',
  },
  operation: {
    inputFields,
    perform,
    sample: { id: 'ocQHyuzHvysMo5N5VsXc', contactId: 'ocQHyuzHvysMo5N5VsXc', removedFromAllCampaigns: true },
    outputFields: [
      { key: 'id', label: 'ID', type: 'string' },
      { key: 'contactId', label: 'Contact ID', type: 'string', primary: true },
      { key: 'removedFromAllCampaigns', label: 'Removed from All Campaigns', type: 'boolean' },
    ],
  },
});
