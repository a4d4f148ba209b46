import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { confirmDeleted, deletedOutputFields, deletionWarningField } from '../lib/actionFields';
import { contactIdField, taskIdField } from '../lib/fields';
import { deleteTask } from '../lib/highlevel';
import { requiredId } from '../lib/validation';

const inputFields = defineInputFields([contactIdField, taskIdField, deletionWarningField('task')]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const taskId = requiredId(z, bundle.inputData.taskId, 'Task');
  return { ...confirmDeleted(z, await deleteTask(z, bundle, contactId, taskId), 'task', taskId), contactId };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'delete_task',
  noun: 'Task',
  display: {
    label: 'Delete Task',
    description: "Deletes a contact's task permanently.",
  },
  operation: {
    inputFields,
    perform,
    sample: { id: 'K5d0R7MLGjT7pUZ9cpXn', deleted: true, contactId: 'ocQHyuzHvysMo5N5VsXc' },
    outputFields: [
      ...deletedOutputFields('Task ID'),
      { key: 'contactId', label: 'Contact ID', type: 'string' },
    ],
  },
});
