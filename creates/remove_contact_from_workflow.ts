import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { removeContactFromWorkflow } from '../lib/contacts/api';
import { contactIdField } from '../lib/contacts/fields';
import { confirmSucceeded } from '../lib/core/deletion';
import { requiredId } from '../lib/core/validation';
import { workflowIdField } from '../lib/lookups/workflows';

const inputFields = defineInputFields([contactIdField, workflowIdField]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const workflowId = requiredId(z, bundle.inputData.workflowId, 'Workflow');
  const result = await removeContactFromWorkflow(z, contactId, workflowId);
  confirmSucceeded(z, result, `removed the contact "${contactId}" from the workflow "${workflowId}"`);
  // `id`: the contact (Zapier's check D010 wants an id in every action's output).
  return { id: contactId, contactId, workflowId, removed: true };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'remove_contact_from_workflow',
  noun: 'Workflow',
  display: {
    label: 'Remove Contact from Workflow',
    description: 'Removes a contact from a workflow.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'ocQHyuzHvysMo5N5VsXc',
      contactId: 'ocQHyuzHvysMo5N5VsXc',
      workflowId: '78559bb3-b920-461e-b010-7b2a2816d2a9',
      removed: true,
    },
    outputFields: [
      { key: 'id', label: 'ID', type: 'string' },
      { key: 'contactId', label: 'Contact ID', type: 'string', primary: true },
      { key: 'workflowId', label: 'Workflow ID', type: 'string', primary: true },
      { key: 'removed', label: 'Removed', type: 'boolean' },
    ],
  },
});
