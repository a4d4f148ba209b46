import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { confirmDeleted, deletedOutputFields, deletionWarningField } from '../lib/core/deletion';
import { contactIdField } from '../lib/contacts/fields';
import { taskIdField } from '../lib/tasks/fields';
import { deleteTask } from '../lib/tasks/api';
import { requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([contactIdField, taskIdField, deletionWarningField('task')]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const taskId = requiredId(z, bundle.inputData.taskId, 'Task');
  return { ...confirmDeleted(z, await deleteTask(z, contactId, taskId), 'task', taskId), contactId };
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
