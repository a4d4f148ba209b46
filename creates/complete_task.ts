import { defineCreate, defineInputField, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contacts/fields';
import { taskIdField } from '../lib/tasks/fields';
import { setTaskCompleted } from '../lib/tasks/api';
import { normaliseTask, taskOutputFields, taskSample } from '../lib/tasks/model';
import { optionalBoolean, requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([
  contactIdField,
  taskIdField,
  defineInputField({
    key: 'completed',
    label: 'Completed',
    type: 'boolean',
    required: false,
    default: 'true',
    helpText: 'Yes (default) marks the task completed; No reopens it.',
  }),
]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const taskId = requiredId(z, bundle.inputData.taskId, 'Task');
  const completed = optionalBoolean(z, bundle.inputData.completed, 'Completed') ?? true;
  return normaliseTask(await setTaskCompleted(z, contactId, taskId, completed), contactId);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'complete_task',
  noun: 'Task',
  display: {
    label: 'Complete Task',
    description: "Marks a contact's task as completed, or reopens it.",
  },
  operation: {
    inputFields,
    perform,
    sample: { ...taskSample, completed: true },
    outputFields: [...taskOutputFields],
  },
});
