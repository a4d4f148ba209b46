import { defineCreate, defineInputField, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { contactIdField, taskIdField } from '../lib/fields';
import { setTaskCompleted } from '../lib/highlevel';
import { normaliseTask } from '../lib/models';
import { taskOutputFields, taskSample } from '../lib/outputs';
import { optionalBoolean, requiredId } from '../lib/validation';

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
  return normaliseTask(await setTaskCompleted(z, bundle, contactId, taskId, completed), contactId);
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
