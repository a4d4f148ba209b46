import { defineCreate, defineInputField, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { addContactToWorkflow } from '../lib/contacts/api';
import { contactIdField } from '../lib/contacts/fields';
import { isoDateTime } from '../lib/core/dates';
import { confirmSucceeded } from '../lib/core/deletion';
import { definedOnly, optionalDateTime, requiredId } from '../lib/core/validation';
import { workflowIdField } from '../lib/lookups/workflows';

const inputFields = defineInputFields([
  contactIdField,
  workflowIdField,
  defineInputField({
    key: 'eventStartTime',
    label: 'Event Start Time',
    type: 'datetime',
    required: false,
    helpText:
      'For workflows that count from an event date (e.g. a reminder before an appointment): when the event starts. Leave empty to start now.',
  }),
]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const workflowId = requiredId(z, bundle.inputData.workflowId, 'Workflow');
  const eventStartTime = optionalDateTime(z, bundle.inputData.eventStartTime, 'Event Start Time');
  const result = await addContactToWorkflow(z, contactId, workflowId, definedOnly({ eventStartTime }));
  confirmSucceeded(z, result, `added the contact "${contactId}" to the workflow "${workflowId}"`);
  // `id`: the contact (Zapier's check D010 wants an id in every action's output).
  return { id: contactId, contactId, workflowId, eventStartTime: isoDateTime(eventStartTime), added: true };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'add_contact_to_workflow',
  noun: 'Workflow',
  display: {
    label: 'Add Contact to Workflow',
    description: 'Adds a contact to a workflow, optionally from an event start time.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: 'ocQHyuzHvysMo5N5VsXc',
      contactId: 'ocQHyuzHvysMo5N5VsXc',
      workflowId: '78559bb3-b920-461e-b010-7b2a2816d2a9',
      eventStartTime: '2026-12-01T09:30:00.000+00:00',
      added: true,
    },
    outputFields: [
      { key: 'id', label: 'ID', type: 'string' },
      { key: 'contactId', label: 'Contact ID', type: 'string', primary: true },
      { key: 'workflowId', label: 'Workflow ID', type: 'string', primary: true },
      { key: 'eventStartTime', label: 'Event Start Time', type: 'datetime' },
      { key: 'added', label: 'Added', type: 'boolean' },
    ],
  },
});
